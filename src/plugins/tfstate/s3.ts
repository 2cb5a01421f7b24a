/** Reads a state object from S3 (the `s3://` URL form and the Terraform S3 backend). */
import { clientConfig, type AwsOptions } from '../../aws/client-config.js';
import { isAccessDenied, isNotFound, toAwsCallError } from '../../aws/errors.js';
import type { S3Location } from './source.js';

/**
 * GETs `s3://bucket/key` as text. Region, profile, endpoint and static credentials come from the
 * backend config when set, else from `aws`. The client package is imported on first use only.
 */
export async function readS3Text(loc: S3Location, aws: AwsOptions, env: NodeJS.ProcessEnv): Promise<string> {
  const { S3Client, GetObjectCommand } = await import('@aws-sdk/client-s3');
  const opts: AwsOptions = { region: loc.region ?? aws.region, profile: loc.profile ?? aws.profile };
  const cfg = clientConfig(opts, {
    service: 's3',
    env,
    endpoint: loc.endpoint,
    forcePathStyle: loc.forcePathStyle,
    credentials: loc.credentials,
  });
  // S3 needs some region to sign with; a bucket elsewhere is followed by followRegionRedirects.
  cfg.region ??= 'us-east-1';
  const client = new S3Client(cfg);
  const url = `s3://${loc.bucket}/${loc.key}`;
  try {
    const res = await client.send(new GetObjectCommand({ Bucket: loc.bucket, Key: loc.key }));
    if (!res.Body) return '';
    return await res.Body.transformToString('utf8');
  } catch (err) {
    const what = isNotFound(err)
      ? `tfstate ${url} not found`
      : isAccessDenied(err)
        ? `access denied reading tfstate ${url}`
        : `cannot read tfstate ${url}: ${(err as Error).message}`;
    throw toAwsCallError(err, { service: 's3', operation: 'GetObject', what });
  } finally {
    client.destroy();
  }
}
