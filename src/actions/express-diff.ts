/**
 * `diff` for an Express service: the express definition against the live service's current
 * configuration (DescribeExpressGatewayService, with tags), both normalised by
 * `normalizeExpressDefinition` (docs/diff.md) so that read-back drift — the managed security
 * group, env/secrets order, server defaults, the cluster as an ARN — never shows.
 */
import { withClients } from '../aws/clients.js';
import type { LoadedConfig } from '../config/load.js';
import { loadDefinition } from '../config/load-definitions.js';
import type { ActionContext } from '../context.js';
import type { ExpressDefinition } from '../definitions/types.js';
import { diffJson } from '../diff/index.js';
import { UserInputError } from '../errors.js';
import { expressRefOf, say } from '../express/action-helpers.js';
import { compareExpress } from '../express/compare.js';
import { describeExpress, describeServiceByName } from '../express/lookup.js';
import { displayPath, type DiffResult } from './diff/classic.js';

/** Options of {@link expressDiff}. */
export interface ExpressDiffOptions {
  color?: boolean;
}

/**
 * Computes the Express diff as a {@link DiffResult} whose `service` part is the Express service
 * (so `diff`'s reporting, `--exit-code` and `--external` work unchanged). A service that is
 * missing, INACTIVE or DRAINING diffs against nothing: a deploy would create it.
 */
export async function expressDiff(ctx: ActionContext, loaded: LoadedConfig, opts: ExpressDiffOptions = {}): Promise<DiffResult> {
  const ref = expressRefOf(loaded.config, 'diff');
  const local = await loadDefinition(loaded, 'express', { ctx });
  return withClients(ctx, loaded.aws, { mask: (t) => loaded.secrets.mask(t), hint: ref }, async (clients) => {
    const ecs = await clients.ecs();
    const service = await describeServiceByName(ecs, ref);
    if (service?.status === 'ACTIVE' && service.resourceManagementType !== 'ECS') {
      throw new UserInputError('NOT_EXPRESS', `service ${ref.service} in cluster ${ref.cluster} is not an Express Mode service: remove express_definition from the config to diff it as a classic service`);
    }
    const live = service?.status === 'ACTIVE' && service.serviceArn ? await describeExpress(ecs, service.serviceArn) : undefined;
    if (!live) {
      const why = service?.status === 'DRAINING' ? 'is DRAINING (being deleted)' : service ? 'is INACTIVE' : 'does not exist';
      await say(ctx, 'info', 'ECSX_DIFF_NEW_SERVICE', `Express service ${ref.service} ${why} in cluster ${ref.cluster}: deploy will create it`);
    }
    const pair = await compareExpress(clients, ref, local.value as ExpressDefinition, live, { ignoreTags: loaded.config.ignore.tags });
    const remoteName = live?.serviceArn ?? '';
    const localName = displayPath(local.file);
    const d = diffJson(pair.remote, pair.local, { remoteName, localName, color: opts.color });
    return {
      changed: d.changed,
      service: { kind: 'service', remoteName, localName, remoteExists: Boolean(live), changed: d.changed, unified: d.unified, changes: d.changes, remoteText: d.remoteText, localText: d.localText },
    };
  });
}
