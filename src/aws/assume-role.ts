import { AwsCallError } from '../errors.js';
import type { AwsClientConfig, AwsOptions } from './client-config.js';

/** Temporary credentials with their expiry, as the SDK's credential providers return them. */
export interface TemporaryCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export type CredentialProvider = () => Promise<TemporaryCredentials>;

const providers = new Map<string, CredentialProvider>();

/**
 * `--assume-role-arn` (as ecspresso): every client uses credentials from `sts:AssumeRole` on that
 * role, obtained with the default credential chain (and `--profile`), once per run and renewed
 * five minutes before they expire. The STS client is imported only when a role is set.
 */
export function assumeRoleProvider(opts: AwsOptions & { assumeRoleArn: string }, base: Pick<AwsClientConfig, 'region' | 'profile'>): CredentialProvider {
  const key = `${opts.assumeRoleArn}|${base.region ?? ''}|${base.profile ?? ''}`;
  let provider = providers.get(key);
  if (provider) return provider;
  let cached: TemporaryCredentials | undefined;
  let pending: Promise<TemporaryCredentials> | undefined;
  provider = async () => {
    if (cached && (!cached.expiration || cached.expiration.getTime() - Date.now() > 5 * 60_000)) return cached;
    pending ??= (async () => {
      const { STSClient, AssumeRoleCommand } = await import('@aws-sdk/client-sts');
      const sts = new STSClient({ region: base.region, profile: base.profile, maxAttempts: 8 });
      try {
        const out = await sts
          .send(new AssumeRoleCommand({ RoleArn: opts.assumeRoleArn, RoleSessionName: 'ecsx', DurationSeconds: 3600 }))
          .catch((err: Error) => {
            // Said as what it is: otherwise it surfaces as a failure of whichever call needed credentials first.
            throw new AwsCallError(`--assume-role-arn: sts:AssumeRole on ${opts.assumeRoleArn} failed: ${err.message} (${err.name})`, { awsCode: err.name, operation: 'AssumeRole', cause: err });
          });
        const c = out.Credentials;
        if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`sts:AssumeRole on ${opts.assumeRoleArn} returned no credentials`);
        return (cached = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration });
      } finally {
        sts.destroy();
        pending = undefined;
      }
    })();
    return pending;
  };
  providers.set(key, provider);
  return provider;
}
