/**
 * Fidelity checks, the machinery: the generated output-shape table is current with the ECS model,
 * the validator finds each kind of problem, and the server hook records violations per operation
 * and path for `GET /_sandbox/validation` only when validation is on.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ecsOperations } from '../../sandbox/ecs/index.js';
import { startSandbox } from '../../sandbox/index.js';
import { AwsError, type ServiceEngine } from '../../sandbox/types.js';
import { createValidationHook, type ValidationReport } from '../../sandbox/validate/hook.js';
import { declaredErrors, isModelOperation, validateError, validateOutput } from '../../sandbox/validate/validator.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const modelPath = `${repo}../shared/reference/aws-models/ecs-2014-11-13-service-2.json`;

describe('output-shape table', () => {
  it('is up to date with the model (node scripts/gen-ecs-output-shapes.mjs --check)', { skip: !existsSync(modelPath) && 'model not available' }, () => {
    execFileSync(process.execPath, [`${repo}scripts/gen-ecs-output-shapes.mjs`, modelPath, '--check'], { stdio: 'pipe' });
  });

  it('knows every operation the engine implements', () => {
    assert.deepEqual(Object.keys(ecsOperations).filter((op) => !isModelOperation(op)), []);
    assert.ok(declaredErrors('UpdateService').includes('ServiceNotActiveException'));
  });
});

describe('validator', () => {
  const problems = (op: string, body: unknown) => validateOutput(op, body).map((v) => `${v.path}: ${v.problem}`);

  it('accepts a conforming response', () => {
    assert.deepEqual(problems('ListClusters', { clusterArns: ['arn:aws:ecs:us-east-1:1:cluster/a'], nextToken: 't' }), []);
    assert.deepEqual(problems('DeleteTaskDefinitions', {}), []);
  });

  it('reports each kind of problem at its path', () => {
    const found = problems('DescribeServices', {
      services: [
        {
          serviceName: 'x',
          bogus: 1,
          desiredCount: 2.5,
          runningCount: null,
          launchType: 'LAMBDA',
          createdAt: 1768467600000,
          tags: [{ key: 'k', value: 3 }],
          events: ['not an event'],
          deploymentConfiguration: { deploymentCircuitBreaker: { enable: true } },
        },
      ],
      failures: {},
    });
    assert.deepEqual(found.sort(), [
      "services[0].launchType: 'LAMBDA' not in enum LaunchType [EC2,FARGATE,EXTERNAL,MANAGED_INSTANCES]",
      'failures: expected list (Failures), got {}',
      'services[0].bogus: not a member of Service',
      'services[0].createdAt: expected epoch seconds, got 1768467600000',
      'services[0].deploymentConfiguration.deploymentCircuitBreaker.rollback: required member of DeploymentCircuitBreaker missing',
      'services[0].desiredCount: expected integer, got 2.5',
      'services[0].events[0]: expected object (ServiceEvent), got "not an event"',
      'services[0].runningCount: null (ECS omits absent members)',
      'services[0].tags[0].value: expected string (TagValue), got 3',
    ].sort());
  });

  it('checks error codes and error bodies against the operation', () => {
    assert.deepEqual(validateError('UpdateService', 'ServiceNotActiveException', { __type: 'ServiceNotActiveException', message: 'm' }), []);
    assert.match(validateError('RegisterTaskDefinition', 'ServiceNotFoundException')[0]!.problem, /not declared by RegisterTaskDefinition/);
    assert.deepEqual(validateError('UpdateService', 'ClientException', { message: 'm', extra: 1 }).map((v) => v.path), ['extra']);
    assert.match(validateOutput('NoSuchOperation', {})[0]!.problem, /unknown operation/);
  });
});

/** An engine whose answers are wrong on purpose. */
const badEngine = (): ServiceEngine => ({
  operations: ['DescribeServices', 'UpdateService', 'ListClusters', 'CreateCluster'],
  async handle(op) {
    if (op === 'DescribeServices') return { services: [{ serviceName: 'x', launchType: 'LAMBDA' }], failures: [] };
    if (op === 'UpdateService') throw new AwsError('ClusterContainsServicesException', 'wrong code for UpdateService');
    if (op === 'ListClusters') throw new TypeError('boom');
    return { cluster: { clusterName: 'ok', status: 'ACTIVE' } };
  },
  control: async () => ({}),
  reset: async () => {},
});

async function call(endpoint: string, op: string): Promise<number> {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AmazonEC2ContainerServiceV20141113.${op}` },
    body: '{}',
  });
  await res.arrayBuffer();
  return res.status;
}

const report = async (endpoint: string, method = 'GET') => (await (await fetch(`${endpoint}/_sandbox/validation`, { method })).json()) as ValidationReport;

describe('server hook', () => {
  it('records distinct violations with operation, path, problem and count', async () => {
    await using sandbox = await startSandbox({ moto: false, timeScale: 0, validate: true, engines: { ecs: badEngine } });
    for (const op of ['DescribeServices', 'DescribeServices', 'UpdateService', 'ListClusters', 'CreateCluster', 'RunTask']) await call(sandbox.endpoint, op);
    const r = await report(sandbox.endpoint);
    assert.equal(r.enabled, true);
    // RunTask is answered UnknownOperationException by the protocol layer: not the engine's doing.
    assert.equal(r.checked, 5);
    assert.deepEqual(
      r.violations.map(({ operation, path, problem, count }) => ({ operation, path, problem: problem.split(' [')[0], count })),
      [
        { operation: 'DescribeServices', path: 'services[0].launchType', problem: "'LAMBDA' not in enum LaunchType", count: 2 },
        { operation: 'UpdateService', path: '__type', problem: 'error ClusterContainsServicesException not declared by UpdateService (declares AccessDeniedException, PlatformUnknownException, NamespaceNotFoundException, ServiceNotActiveException, ServerException, InvalidParameterException, ClientException, ServiceNotFoundException, ClusterNotFoundException, PlatformTaskDefinitionIncompatibilityException, UnsupportedFeatureException)', count: 1 },
        { operation: 'ListClusters', path: '', problem: 'engine failure: Server Exception: boom', count: 1 },
      ],
    );
    assert.ok(r.violations.every((v) => typeof v.requestId === 'string'));
    assert.equal((await report(sandbox.endpoint, 'DELETE')).violations.length, 0);
    assert.deepEqual(await report(sandbox.endpoint), { enabled: true, checked: 0, violations: [], dropped: 0 });
  });

  it('is off by default, and ECSX_SANDBOX_VALIDATE=1 turns it on', async () => {
    const saved = process.env.ECSX_SANDBOX_VALIDATE;
    try {
      delete process.env.ECSX_SANDBOX_VALIDATE;
      {
        await using sandbox = await startSandbox({ moto: false, timeScale: 0, engines: { ecs: badEngine } });
        await call(sandbox.endpoint, 'DescribeServices');
        assert.deepEqual(await report(sandbox.endpoint), { enabled: false, checked: 0, violations: [], dropped: 0 });
      }
      process.env.ECSX_SANDBOX_VALIDATE = '1';
      await using sandbox = await startSandbox({ moto: false, timeScale: 0, engines: { ecs: badEngine } });
      await call(sandbox.endpoint, 'DescribeServices');
      assert.equal((await report(sandbox.endpoint)).violations.length, 1);
    } finally {
      if (saved === undefined) delete process.env.ECSX_SANDBOX_VALIDATE;
      else process.env.ECSX_SANDBOX_VALIDATE = saved;
    }
  });

  it('warns once per distinct violation; a body that is not JSON is one', async () => {
    const lines: string[] = [];
    const hook = await createValidationHook(true, (l) => lines.push(l));
    const bad = JSON.stringify({ services: [{ launchType: 'LAMBDA' }] });
    hook.response('DescribeServices', bad, 'r1');
    hook.response('DescribeServices', bad, 'r2');
    hook.response('ListClusters', '{"clusterArns":', 'r3');
    assert.deepEqual(lines, [
      "[sandbox] ECS response does not match the model: DescribeServices.services[0].launchType: 'LAMBDA' not in enum LaunchType [EC2,FARGATE,EXTERNAL,MANAGED_INSTANCES]",
      '[sandbox] ECS response does not match the model: ListClusters: response body is not JSON',
    ]);
    assert.deepEqual(hook.report().violations.map((v) => [v.count, v.requestId]), [[2, 'r1'], [1, 'r3']]);
    const off = await createValidationHook(false, (l) => lines.push(l));
    off.response('DescribeServices', bad, 'r4');
    assert.equal(lines.length, 2);
  });
});
