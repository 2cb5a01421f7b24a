/**
 * Secrets a task definition references: SSM parameters (GetParameters, names never values) and
 * Secrets Manager secrets (DescribeSecret), from `secrets`, `logConfiguration.secretOptions` and
 * `repositoryCredentials`.
 */
import { GetParametersCommand } from '@aws-sdk/client-ssm';
import { DescribeSecretCommand } from '@aws-sdk/client-secrets-manager';
import type { AwsClients } from '../../aws/clients.js';
import { awsErrorCode } from '../../aws/errors.js';
import { attempt } from './attempt.js';
import { ng, ok, type VerifyNode } from './tree.js';

/** Where a `valueFrom` points. */
export type SecretRef = { kind: 'ssm'; name: string } | { kind: 'secretsmanager'; id: string };

/**
 * Classifies a `valueFrom`: a Secrets Manager ARN (its JSON-key / version suffix dropped), an SSM
 * parameter ARN (`…:parameter/app/db` is the parameter `/app/db`), or a parameter name. Pure.
 */
export function secretRef(valueFrom: string): SecretRef {
  if (valueFrom.startsWith('arn:') && valueFrom.split(':')[2] === 'secretsmanager') {
    return { kind: 'secretsmanager', id: valueFrom.split(':').slice(0, 7).join(':') };
  }
  const m = /^arn:[^:]+:ssm:[^:]*:[^:]*:parameter(\/.*)$/.exec(valueFrom);
  if (m) {
    const rest = m[1]!.slice(1);
    return { kind: 'ssm', name: rest.includes('/') ? `/${rest}` : rest };
  }
  return { kind: 'ssm', name: valueFrom };
}

/** Checks many SSM parameter names with one GetParameters call per 10. */
async function checkParameters(clients: AwsClients, items: { label: string; name: string }[]): Promise<VerifyNode[]> {
  const out: VerifyNode[] = [];
  for (let i = 0; i < items.length; i += 10) {
    const batch = items.slice(i, i + 10);
    const names = [...new Set(batch.map((b) => b.name))];
    let invalid: Set<string>;
    try {
      const ssm = await clients.ssm();
      // WithDecryption false: existence is all verify needs; values are never read.
      const res = await ssm.send(new GetParametersCommand({ Names: names, WithDecryption: false }));
      invalid = new Set(res.InvalidParameters ?? []);
    } catch (err) {
      for (const b of batch) out.push(await attempt(b.label, () => Promise.reject(err)));
      continue;
    }
    for (const b of batch) out.push(invalid.has(b.name) ? ng(b.label, 'SSM parameter not found') : ok(b.label));
  }
  return out;
}

function checkSecret(clients: AwsClients, label: string, id: string): Promise<VerifyNode> {
  return attempt(label, async () => {
    try {
      const sm = await clients.secretsmanager();
      await sm.send(new DescribeSecretCommand({ SecretId: id }));
      return ok(label);
    } catch (err) {
      if (awsErrorCode(err) === 'ResourceNotFoundException') return ng(label, 'secret not found');
      throw err;
    }
  });
}

/** Nodes for `{ label, valueFrom }` pairs, in order. */
export async function checkSecrets(clients: AwsClients, refs: { label: string; valueFrom: string }[]): Promise<VerifyNode[]> {
  const classified = refs.map((r) => ({ ...r, ref: secretRef(r.valueFrom) }));
  const ssm = classified.filter((c) => c.ref.kind === 'ssm').map((c) => ({ label: c.label, name: (c.ref as { name: string }).name }));
  const ssmNodes = new Map((await checkParameters(clients, ssm)).map((n, i) => [ssm[i]!.label, n]));
  return Promise.all(classified.map((c) => (c.ref.kind === 'ssm' ? Promise.resolve(ssmNodes.get(c.label)!) : checkSecret(clients, c.label, c.ref.id))));
}
