/**
 * ssm, secretsmanager, cloudformation and the s3:// tfstate URL against a private moto_server.
 * Every client is pointed at moto through AWS_ENDPOINT_URL with test credentials.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { S3Client, CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { SSMClient, PutParameterCommand } from '@aws-sdk/client-ssm';
import { SecretsManagerClient, CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { startMoto, useMotoInProcess, motoEnv, type Moto } from '../helpers/moto.js';
import { loadPlugins, SecretRegistry, PluginLookupError, type PluginConfig, type PluginContext, type LoadedPlugins } from '../../src/plugins/index.js';
import { evaluateWithFetches } from '../../src/pending.js';
import { AwsCallError } from '../../src/errors.js';
import { clientConfig } from '../../src/aws/client-config.js';

const compat = (p: string) => fileURLToPath(new URL(`../../../shared/compat/ecspresso/tests/${p}`, import.meta.url));
const REGION = 'us-east-1';

let moto: Moto;
let ctx: PluginContext & { warnings: string[] };

function context(): PluginContext & { warnings: string[] } {
  const warnings: string[] = [];
  return { configDir: compat(''), aws: { region: REGION }, env: { ...motoEnv(moto.endpoint, REGION) }, secrets: new SecretRegistry(), warn: (m) => warnings.push(m), warnings };
}

const plugins = (configs: PluginConfig[] = []): LoadedPlugins => loadPlugins(configs, ctx);
const call = (fn: (...a: any[]) => unknown, ...args: unknown[]) => evaluateWithFetches(() => fn(...args));

const CFN_TEMPLATE = JSON.stringify({
  Resources: { Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'cfn-made-bucket' } } },
  Outputs: {
    BucketName: { Value: { Ref: 'Bucket' }, Export: { Name: 'shared-bucket-name' } },
    Plain: { Value: 'plain-value' },
  },
});

before(async () => {
  moto = await startMoto();
  useMotoInProcess(moto.endpoint, REGION);
  ctx = context();
  const s3 = new S3Client(clientConfig({ region: REGION }, { service: 's3' }));
  await s3.send(new CreateBucketCommand({ Bucket: 'tfstate' }));
  await s3.send(new PutObjectCommand({ Bucket: 'tfstate', Key: 'app/terraform.tfstate', Body: readFileSync(compat('terraform.tfstate')) }));
  const ssm = new SSMClient(clientConfig({ region: REGION }));
  await ssm.send(new PutParameterCommand({ Name: '/app/plain', Type: 'String', Value: 'hello' }));
  await ssm.send(new PutParameterCommand({ Name: '/app/secret', Type: 'SecureString', Value: 's3cr3t-value' }));
  await ssm.send(new PutParameterCommand({ Name: '/app/list', Type: 'StringList', Value: 'a,b,c' }));
  const sm = new SecretsManagerClient(clientConfig({ region: REGION }));
  await sm.send(new CreateSecretCommand({ Name: 'app/db', SecretString: 'never-read' }));
  const cfn = new CloudFormationClient(clientConfig({ region: REGION }));
  await cfn.send(new CreateStackCommand({ StackName: 'shared', TemplateBody: CFN_TEMPLATE }));
  for (const c of [s3, ssm, sm, cfn]) c.destroy();
});

after(async () => {
  await moto?.stop();
});

describe('tfstate from s3://', () => {
  test('reads and looks up', async () => {
    const p = plugins([{ name: 'tfstate', config: { url: 's3://tfstate/app/terraform.tfstate' } }]);
    assert.equal(await call(p.funcs.tfstate, 'aws_subnet.private-a.id'), 'subnet-07ac54af5e41a4fc4');
    assert.equal(await call(p.funcs.tfstatef, `aws_ecr_repository.all['%s'].repository_url`, 'app'), '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/app');
  });
  test('a missing object is an AwsCallError with the S3 code', async () => {
    const p = plugins([{ name: 'tfstate', config: { url: 's3://tfstate/nope.tfstate' } }]);
    await assert.rejects(call(p.funcs.tfstate, 'output.x'), (e: unknown) => {
      assert.ok(e instanceof AwsCallError);
      assert.equal(e.awsCode, 'NoSuchKey');
      assert.equal(e.message, 's3: tfstate s3://tfstate/nope.tfstate not found (NoSuchKey)');
      return true;
    });
  });
  test('optional: a missing object gives an empty state and a warning', async () => {
    const c = context();
    const p = loadPlugins([{ name: 'tfstate', config: { url: 's3://no-such-bucket/x.tfstate', optional: true } }], c);
    await assert.rejects(call(p.funcs.tfstate, 'output.x'), { message: 'output.x is not found in tfstate' });
    assert.match(c.warnings.join('\n'), /s3:\/\/no-such-bucket\/x\.tfstate could not be read.*NoSuchBucket/);
  });
});

describe('ssm', () => {
  test('String, SecureString (masked) and StringList', async () => {
    const p = plugins();
    assert.equal(await call(p.funcs.ssm, '/app/plain'), 'hello');
    assert.equal(await call(p.funcs.ssm, '/app/secret'), 's3cr3t-value');
    assert.equal(ctx.secrets.mask('x=s3cr3t-value'), 'x=********');
    assert.ok(!ctx.secrets.has('hello'), 'plain String values are not secrets');
    assert.equal(await call(p.funcs.ssm, '/app/list', 1), 'b');
    assert.equal(await call(p.natives.ssm.fn, '/app/plain'), 'hello');
    assert.equal(await call(p.natives.ssm_list.fn, '/app/list', 2), 'c');
  });
  test('cached: the second call is synchronous', async () => {
    const p = plugins();
    await call(p.funcs.ssm, '/app/plain');
    assert.equal(p.funcs.ssm('/app/plain'), 'hello');
  });
  test('StringList needs an index; other types refuse one', async () => {
    const p = plugins();
    await assert.rejects(call(p.funcs.ssm, '/app/list'), (e: unknown) => e instanceof PluginLookupError && /StringList: pass the index/.test(e.message));
    await assert.rejects(call(p.funcs.ssm, '/app/list', 5), /index 5 is out of range for StringList parameter \/app\/list \(3 values\)/);
    await assert.rejects(call(p.funcs.ssm, '/app/secret', 0), /supported only for StringList parameters, but \/app\/secret is of type SecureString/);
  });
  test('a missing parameter', async () => {
    const p = plugins();
    await assert.rejects(call(p.funcs.ssm, '/foo'), (e: unknown) => {
      assert.ok(e instanceof AwsCallError);
      assert.equal(e.message, 'ssm: parameter /foo not found (ParameterNotFound)');
      assert.equal(e.operation, 'GetParameter');
      return true;
    });
  });
  test('no secret value in any error message', async () => {
    const p = plugins();
    await call(p.funcs.ssm, '/app/secret');
    const err = await call(p.funcs.ssm, '/app/secret', 3).catch((e: Error) => e);
    assert.ok(err instanceof Error && !err.message.includes('s3cr3t-value'));
  });
});

describe('secretsmanager', () => {
  test('secretsmanager_arn / _arnf resolve the ARN', async () => {
    const p = plugins();
    const arn = String(await call(p.funcs.secretsmanager_arn, 'app/db'));
    assert.match(arn, /^arn:aws:secretsmanager:us-east-1:\d{12}:secret:app\/db-[A-Za-z0-9]{6}$/);
    assert.equal(await call(p.funcs.secretsmanager_arnf, '%s/%s', 'app', 'db'), arn);
    assert.equal(await call(p.natives.secretsmanager_arn.fn, 'app/db'), arn);
    assert.equal(await call(p.natives.secretsmanager_arnf.fn, 'app/%s', ['db']), arn);
    assert.ok(!ctx.secrets.has('never-read'));
  });
  test('a missing secret', async () => {
    const p = plugins();
    await assert.rejects(call(p.funcs.secretsmanager_arn, 'nope'), (e: unknown) =>
      e instanceof AwsCallError && e.awsCode === 'ResourceNotFoundException' && e.message === 'secretsmanager: secret nope not found (ResourceNotFoundException)');
  });
});

describe('cloudformation', () => {
  const cfn = () => plugins([{ name: 'cloudformation' }]);
  test('cfn_output and cfn_export', async () => {
    const p = cfn();
    assert.equal(await call(p.funcs.cfn_output, 'shared', 'BucketName'), 'cfn-made-bucket');
    assert.equal(await call(p.funcs.cfn_output, 'shared', 'Plain'), 'plain-value');
    assert.equal(await call(p.funcs.cfn_export, 'shared-bucket-name'), 'cfn-made-bucket');
    assert.equal(await call(p.natives.cfn_output.fn, 'shared', 'Plain'), 'plain-value');
    assert.equal(await call(p.natives.cfn_export.fn, 'shared-bucket-name'), 'cfn-made-bucket');
  });
  test('misses', async () => {
    const p = cfn();
    await assert.rejects(call(p.funcs.cfn_output, 'shared', 'Nope'), { message: 'cfn_output: output Nope is not found in stack shared' });
    await assert.rejects(call(p.funcs.cfn_export, 'nope'), { message: 'cfn_export: export nope is not found' });
    await assert.rejects(call(p.funcs.cfn_output, 'no-stack', 'X'), (e: unknown) =>
      e instanceof AwsCallError && e.awsCode === 'ValidationError' && /^cloudformation: stack no-stack not found/.test(e.message));
  });
  test('func_prefix', async () => {
    const p = plugins([{ name: 'cloudformation', func_prefix: 'acct_' }]);
    assert.equal(await call(p.funcs.acct_cfn_output, 'shared', 'Plain'), 'plain-value');
    assert.ok(p.natives.acct_cfn_export);
  });
});
