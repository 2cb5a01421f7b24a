import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { clientConfig, hasEndpointOverride, resolveRegion } from '../../../src/aws/client-config.js';
import { awsErrorCode, isAccessDenied, isNotFound, isThrottle, toAwsCallError } from '../../../src/aws/errors.js';
import { AwsCallError, UserInputError } from '../../../src/errors.js';

function sdkError(name: string, message = name, status?: number): Error {
  const e = new Error(message) as Error & { $metadata: object };
  e.name = name;
  e.$metadata = { httpStatusCode: status };
  return e;
}

describe('clientConfig', () => {
  test('region from options, then AWS_REGION, then AWS_DEFAULT_REGION', () => {
    assert.equal(resolveRegion({ region: 'eu-west-1' }, { AWS_REGION: 'us-east-1' }), 'eu-west-1');
    assert.equal(resolveRegion({}, { AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-west-2' }), 'us-east-1');
    assert.equal(resolveRegion({}, { AWS_DEFAULT_REGION: 'us-west-2' }), 'us-west-2');
    assert.equal(resolveRegion({}, {}), undefined);
  });
  test('retries adaptive, profile passed through', () => {
    const c = clientConfig({ region: 'ap-northeast-1', profile: 'dev' }, { env: {} });
    assert.equal(c.retryMode, 'adaptive');
    assert.ok(c.maxAttempts >= 3);
    assert.equal(c.profile, 'dev');
    assert.equal(c.region, 'ap-northeast-1');
    assert.equal(c.forcePathStyle, undefined);
  });
  test('S3 path style behind a custom endpoint', () => {
    assert.equal(clientConfig({}, { service: 's3', env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:5000' } }).forcePathStyle, true);
    assert.equal(clientConfig({}, { service: 's3', env: { AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:5000' } }).forcePathStyle, true);
    assert.equal(clientConfig({}, { service: 's3', env: {}, endpoint: 'http://x' }).forcePathStyle, true);
    const plain = clientConfig({}, { service: 's3', env: {} });
    assert.equal(plain.forcePathStyle, undefined);
    assert.equal(plain.followRegionRedirects, true);
    assert.equal(clientConfig({}, { service: 'ssm', env: { AWS_ENDPOINT_URL: 'http://x' } }).forcePathStyle, undefined);
  });
  test('endpoint from the injected env, service-specific first', () => {
    assert.equal(clientConfig({}, { service: 'Secrets Manager', env: { AWS_ENDPOINT_URL: 'http://a', AWS_ENDPOINT_URL_SECRETS_MANAGER: 'http://b' } }).endpoint, 'http://b');
    assert.equal(clientConfig({}, { service: 'SSM', env: { AWS_ENDPOINT_URL: 'http://a' } }).endpoint, 'http://a');
    assert.equal(clientConfig({}, { service: 'SSM', env: { AWS_ENDPOINT_URL: 'http://a', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' } }).endpoint, undefined);
    assert.equal(clientConfig({}, { env: { AWS_ENDPOINT_URL: 'http://a' } }).endpoint, undefined, 'no service: left to the SDK');
    assert.equal(clientConfig({}, { service: 's3', env: { AWS_ENDPOINT_URL: 'http://a' }, endpoint: 'http://explicit' }).endpoint, 'http://explicit');
  });
  test('static credentials from an injected env unless a profile is selected', () => {
    const env = { AWS_ACCESS_KEY_ID: 'AK', AWS_SECRET_ACCESS_KEY: 'SK' };
    assert.deepEqual(clientConfig({}, { env }).credentials, { accessKeyId: 'AK', secretAccessKey: 'SK' });
    assert.deepEqual(clientConfig({}, { env: { ...env, AWS_SESSION_TOKEN: 'T' } }).credentials, { accessKeyId: 'AK', secretAccessKey: 'SK', sessionToken: 'T' });
    assert.equal(clientConfig({ profile: 'p' }, { env }).credentials, undefined);
    assert.equal(clientConfig({}, { env: { ...env, AWS_PROFILE: 'p' } }).credentials, undefined);
    assert.equal(clientConfig({}, { env: { AWS_ACCESS_KEY_ID: 'AK' } }).credentials, undefined);
    assert.deepEqual(clientConfig({}, { env, credentials: { accessKeyId: 'X', secretAccessKey: 'Y' } }).credentials, { accessKeyId: 'X', secretAccessKey: 'Y' });
  });
  test('service-specific endpoint variable names', () => {
    assert.ok(hasEndpointOverride('secrets manager', { AWS_ENDPOINT_URL_SECRETS_MANAGER: 'http://x' }));
    assert.ok(!hasEndpointOverride('s3', { AWS_ENDPOINT_URL_SSM: 'http://x' }));
  });
});

describe('AWS error classification', () => {
  test('codes and predicates', () => {
    assert.equal(awsErrorCode(sdkError('ParameterNotFound')), 'ParameterNotFound');
    assert.ok(isNotFound(sdkError('ParameterNotFound')));
    assert.ok(isNotFound(sdkError('NoSuchKey')));
    assert.ok(isNotFound(sdkError('ValidationError', 'Stack with id x does not exist', 400)));
    assert.ok(!isNotFound(sdkError('ValidationError', 'bad template', 400)));
    assert.ok(isThrottle(sdkError('ThrottlingException')));
    assert.ok(isThrottle(sdkError('Whatever', 'x', 429)));
    assert.ok(isAccessDenied(sdkError('AccessDeniedException')));
    assert.ok(isAccessDenied(sdkError('Forbidden', 'x', 403)));
    assert.ok(!isAccessDenied(new Error('plain')));
    assert.equal(awsErrorCode('string'), undefined);
  });
  test('toAwsCallError builds "service: what (Code)"', () => {
    const e = toAwsCallError(sdkError('ParameterNotFound'), { service: 'ssm', operation: 'GetParameter', what: 'parameter /foo not found' });
    assert.ok(e instanceof AwsCallError);
    assert.equal(e.message, 'ssm: parameter /foo not found (ParameterNotFound)');
    assert.equal((e as AwsCallError).awsCode, 'ParameterNotFound');
    assert.equal((e as AwsCallError).operation, 'GetParameter');
    const generic = toAwsCallError(sdkError('InternalFailure', 'boom'), { service: 'ssm', operation: 'GetParameter' });
    assert.equal(generic.message, 'ssm: GetParameter failed: boom (InternalFailure)');
  });
  test('EcsxError passes through unchanged', () => {
    const u = new UserInputError('X', 'mine');
    assert.equal(toAwsCallError(u, { service: 's3', operation: 'GetObject' }), u);
  });
});
