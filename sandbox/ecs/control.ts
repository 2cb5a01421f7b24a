/**
 * Control API of the ECS engine (`/_sandbox/ecs/<path>`):
 *   GET    state            everything the engine holds, rendered, for debugging
 *   GET    scenarios        list scenarios        POST scenarios  add one (body: a scenario)
 *   DELETE scenarios        remove all            DELETE scenarios/<id>  remove one
 *   GET    timings          current durations     PUT/PATCH timings  change some (seconds)
 *   DELETE timings          back to the defaults
 */
import { AwsError } from '../types.js';
import { renderCluster } from './clusters.js';
import type { EngineContext } from './context.js';
import { secs } from './input.js';
import { renderServiceDeployment } from './service-deployments.js';
import { renderService } from './service-view.js';
import { renderTaskDefinition } from './task-definitions.js';
import { renderTask } from './task-view.js';
import { defaultTimings, updateTimings } from './timings.js';

const notFound = (what: string) => new AwsError('ResourceNotFoundException', what, 404);

export function dumpState(ctx: EngineContext): unknown {
  const s = ctx.store;
  return {
    now: secs(ctx.now()),
    clusters: [...s.clusters.values()].map((c) => renderCluster(ctx, c, ['TAGS'])),
    taskDefinitions: [...s.taskDefinitions.values()].flatMap((f) => [...f.revisions.values()].map(renderTaskDefinition)),
    services: [...s.services.values()].map((svc) => ({
      ...renderService(ctx, svc, true),
      serviceDeployments: svc.serviceDeployments.map((sd) => renderServiceDeployment(ctx, svc, sd)),
      scheduler: { ...svc.sim, staleView: svc.sim.staleView ? { until: secs(svc.sim.staleView.until) } : undefined },
    })),
    tasks: [...s.tasks.values()].map((t) => ({ ...renderTask(ctx, t, true), simulation: { ...t.sim } })),
    scenarios: ctx.scenarios.all(),
    timings: ctx.timings,
  };
}

export async function handleControl(ctx: EngineContext, rawPath: string, method: string, body: unknown): Promise<unknown> {
  const path = rawPath.split('?')[0]!.replace(/^\/+|\/+$/g, '').replace(/^(_sandbox\/)?ecs\//, '');
  const [head, id] = path.split('/');
  const m = method.toUpperCase();
  if (head === 'state' && m === 'GET') return dumpState(ctx);
  if (head === 'scenarios') {
    if (id === undefined && m === 'GET') return { scenarios: ctx.scenarios.all() };
    if (id === undefined && m === 'POST') return { scenario: ctx.scenarios.add(body) };
    if (id === undefined && m === 'DELETE') {
      ctx.scenarios.clear();
      return {};
    }
    if (id !== undefined && m === 'DELETE') {
      if (!ctx.scenarios.remove(id)) throw notFound(`Scenario ${id} not found.`);
      return {};
    }
  }
  if (head === 'timings') {
    if (m === 'GET') return { timings: ctx.timings };
    if (m === 'PUT' || m === 'PATCH' || m === 'POST') {
      ctx.timings = updateTimings(ctx.timings, body);
      return { timings: ctx.timings };
    }
    if (m === 'DELETE') {
      ctx.timings = { ...defaultTimings };
      return { timings: ctx.timings };
    }
  }
  throw notFound(`Unknown ECS control call: ${m} ${path}`);
}
