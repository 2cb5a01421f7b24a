import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { indexState, listAddresses, lookupAddress, normalizeAddress, type TfstateIndex } from '../../../src/plugins/tfstate/lookup.js';
import { parseTfstateText, emptyState, type TfState } from '../../../src/plugins/tfstate/state.js';
import { PluginLookupError, PluginSourceError } from '../../../src/plugins/errors.js';

const compat = (p: string) => fileURLToPath(new URL(`../../../../shared/compat/ecspresso/tests/${p}`, import.meta.url));
const fixture = (p: string) => fileURLToPath(new URL(`../../fixtures/tfstate/${p}`, import.meta.url));

function load(file: string): TfstateIndex {
  const parsed = parseTfstateText(readFileSync(file, 'utf8'), file);
  assert.equal(parsed.kind, 'state');
  return indexState((parsed as { state: TfState }).state);
}

/** Looks up like the template function: single quotes become double quotes; undefined = miss. */
function get(index: TfstateIndex, addr: string): unknown {
  const r = lookupAddress(index, normalizeAddress(addr));
  return r.found ? r.value : undefined;
}

type Case = [address: string, expected: unknown];

function table(name: string, file: () => TfstateIndex, cases: Case[]): void {
  describe(name, () => {
    const index = file();
    for (const [addr, want] of cases) {
      test(`${addr} → ${want === undefined ? 'miss' : JSON.stringify(want).slice(0, 60)}`, () => {
        assert.deepEqual(get(index, addr), want);
      });
    }
  });
}

table('ecspresso tests/terraform.tfstate', () => load(compat('terraform.tfstate')), [
  [`aws_ecr_repository.all["app"].repository_url`, '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/app'],
  [`aws_ecr_repository.all['app'].repository_url`, '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/app'],
  ['aws_subnet.private-a.id', 'subnet-07ac54af5e41a4fc4'],
  [`data.aws_security_group.default['first'].id`, 'sg-12345678'],
  [`data.aws_security_group.default["second"].id`, 'sg-12345679'],
  ['aws_subnet.private-b.id', undefined],
  ['aws_ecr_repository.all.repository_url', undefined],
]);

describe('ecspresso tests/terraform.tfstate parent key', () => {
  test('data.aws_security_group.default is a map of instances (std.objectValues in sv.jsonnet)', () => {
    const index = load(compat('terraform.tfstate'));
    const v = get(index, 'data.aws_security_group.default') as Record<string, { id: string }>;
    assert.deepEqual(Object.keys(v).sort(), ['first', 'second']);
    assert.deepEqual(Object.values(v).map((x) => x.id).sort(), ['sg-12345678', 'sg-12345679']);
  });
});

table('ecspresso tests/bucket.tfstate', () => load(compat('bucket.tfstate')), [
  ['aws_s3_bucket.main.bucket', get(load(compat('bucket.tfstate')), 'aws_s3_bucket.main.id')],
  ['aws_s3_bucket.main.nope', undefined],
]);

// Expectations from fujiwara/tfstate-lookup's lookup_test.go on the same fixture.
table('ecspresso tests/ci/terraform.tfstate', () => load(compat('ci/terraform.tfstate')), [
  ['data.aws_caller_identity.current.account_id', '123456789012'],
  ['data.aws_caller_identity.xxxx.account_id', undefined],
  ['aws_acm_certificate.main.validation_method', 'DNS'],
  ['aws_acm_certificate.main2', undefined],
  ['aws_acm_certificate.main.validation_method_xxx', undefined],
  ['aws_acm_certificate.main.subject_alternative_names', ['*.example.com']],
  ['aws_acm_certificate.main.subject_alternative_names[0]', '*.example.com'],
  ['aws_acm_certificate.main.subject_alternative_names[2]', undefined],
  [`module.logs.aws_cloudwatch_log_group.main["vanish"]`, undefined],
  [`module.logs.aws_cloudwatch_log_group.main["app"].id`, '/main/app'],
  [`module.xxx.aws_cloudwatch_log_group.main["app"].id`, undefined],
  [`module.logs.aws_cloudwatch_log_group.main["app"].retention_in_days`, 30],
  [`module.logs.aws_cloudwatch_log_group.main["app"].retention_in_days_xxx`, undefined],
  ['module.logs.aws_cloudwatch_log_group.main.name', '/main/vanish'],
  ['module.logs.aws_cloudwatch_log_group.ma', undefined],
  ['aws_iam_role_policy_attachment.ec2[1].id', 'ec2-20190801065413531100000001'],
  ['aws_iam_role_policy_attachment.ec2[2].id', undefined],
  ['output.foo', 'FOO'],
  ['output.bar[1]', 'B'],
  ['output.bar', ['A', 'B', 'C']],
  ['output.baz', undefined],
  ['module.webapp.module.ecs_task_roles.aws_iam_role.task_execution_role.name', 'task-execution-role'],
  ['module.webapp.xxxx.ecs_task_roles.aws_iam_role.task_execution_role', undefined],
  ['xxxx.webapp.module.ecs_task_roles.aws_iam_role.task_execution_role', undefined],
  ['module.subnets.aws_subnet.main[0].cidr_block', '10.11.12.0/22'],
  ['module.subnets.aws_subnet.main[1].cidr_block', '10.11.15.0/22'],
  [`aws_iam_user.users["foo.bar"].name`, 'foo.bar'],
  [`aws_iam_user.users['hoge.fuga'].name`, 'hoge.fuga'],
  [`data.aws_lb_target_group.app["dev1"].name`, 'dev-dev1-app'],
  ['module.example.aws_vpc.example', undefined],
  ['data.terraform_remote_state.remote.outputs.kms_key.arn', 'arn:aws:kms:ap-northeast-1:123456789012:key/500193e3-ddd9-4581-ab0c-fd7aeaedf3e1'],
  ['data.terraform_remote_state.remote.outputs.kms_key_arn', 'arn:aws:kms:ap-northeast-1:123456789012:key/500193e3-ddd9-4581-ab0c-fd7aeaedf3e1'],
  ['data.terraform_remote_state.remote.outputs.mylist[1]', 2],
  [`aws_iam_user.user["me"].arn`, 'arn:aws:iam::xxxxxxxxxxxx:user/me'],
  ['data.terraform_remote_state.hyphenated-id.outputs.repository-uri', '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/app'],
]);

table('hand-written lookup.tfstate', () => load(fixture('lookup.tfstate')), [
  // outputs
  ['output.cluster_name', 'main-cluster'],
  ['output.desired', 3],
  ['output.subnets', ['subnet-a', 'subnet-b', 'subnet-c']],
  ['output.subnets[0]', 'subnet-a'],
  ['output.subnets[-1]', 'subnet-c'],
  ['output.subnets[3]', undefined],
  ['output.subnets.1', 'subnet-b'],
  ['output.ports.https', 443],
  ['output.ports', { http: 80, https: 443 }],
  ['output.service.tags.team-name', 'core'],
  ['output.service.tags["team-name"]', 'core'],
  ['output.service.tags.["env"]', 'prod'],
  ['output.service.targets[1].arn', 'arn:tg/2'],
  ['output.service.targets.[0].arn', 'arn:tg/1'],
  ['output.repo-url', '123456789012.dkr.ecr.us-east-1.amazonaws.com/app'],
  ['output.empty_list', []],
  ['output.cluster', undefined],
  ['output.cluster_name.length', undefined],
  ['output', undefined],
  // single resources and boundaries
  ['aws_vpc.main.id', 'vpc-0123'],
  ['aws_vpc.main.tags.Name', 'main'],
  ['aws_vpc.main.tags["kubernetes.io/role"]', 'x'],
  ['aws_vpc.main.dns', true],
  ['aws_vpc.main.ipv6', undefined],
  ['aws_vpc.main.nope.deeper', undefined],
  ['aws_lb.pub.id', 'lb-pub'],
  ['aws_lb.public.id', 'lb-public'],
  ['aws_lb.publ.id', undefined],
  ['aws_lb.publicx.id', undefined],
  // count
  ['aws_instance.web[0].id', 'i-0'],
  ['aws_instance.web[2].private_ip', '10.0.1.12'],
  ['aws_instance.web[3].id', undefined],
  ['aws_instance.web.id', undefined],
  ['aws_cloudwatch_log_group.sparse', [{ name: '/s/0' }, null, { name: '/s/2' }]],
  // for_each
  ['aws_s3_bucket.b["staging"].bucket', 'my-staging'],
  [`aws_s3_bucket.b['k-1'].bucket`, 'my-k-1'],
  ['aws_s3_bucket.b["dot.key"].id', 'bkt-dot'],
  ['aws_s3_bucket.b["dev"].id', undefined],
  ['aws_s3_bucket.b.prod', undefined],
  // data sources
  ['data.aws_ami.ubuntu.id', 'ami-0abc'],
  ['aws_ami.ubuntu.id', undefined],
  // modules
  ['module.network.aws_subnet.private[1].availability_zone', 'us-east-1b'],
  ['module.app.module.db.aws_db_instance.main.port', 5432],
  ['module.db.aws_db_instance.main.port', undefined],
  ['module.svc["api"].aws_ecs_service.this.name', 'api'],
  [`module.svc['worker'].aws_ecs_service.this.id`, 'svc-worker'],
  ['module.svc.aws_ecs_service.this.id', undefined],
  ['module.zone[0].aws_route53_zone.this.zone_id', 'Z123'],
  ['module.app.data.aws_caller_identity.current.account_id', '123456789012'],
  // terraform_remote_state
  ['data.terraform_remote_state.shared.outputs.vpc_id', 'vpc-shared'],
  ['data.terraform_remote_state.shared.outputs.kms-key.arn', 'arn:kms:1'],
  ['data.terraform_remote_state.shared.outputs.azs[1]', 'b'],
  ['data.terraform_remote_state.shared.config.bucket', 'tf'],
  ['data.terraform_remote_state.shared.backend', 's3'],
  ['data.terraform_remote_state.shared.workspace', undefined],
  // deposed, empty, legacy, nulls
  ['aws_security_group.app.id', 'sg-new'],
  ['aws_eip.none', undefined],
  ['aws_eip.none.id', undefined],
  ['aws_iam_role.legacy.id', 'legacy-role'],
  ['aws_ssm_parameter.cfg.version', 7],
  ['aws_ssm_parameter.cfg.overwrite', undefined],
  ['nothing.at.all', undefined],
  ['', undefined],
]);

describe('parent keys', () => {
  const index = load(fixture('lookup.tfstate'));
  test('count resource → array of instances', () => {
    const v = get(index, 'aws_instance.web') as { id: string }[];
    assert.deepEqual(v.map((x) => x.id), ['i-0', 'i-1', 'i-2']);
  });
  test('for_each resource → map of instances', () => {
    const v = get(index, 'aws_s3_bucket.b') as Record<string, { bucket: string }>;
    assert.deepEqual(Object.keys(v).sort(), ['dot.key', 'k-1', 'prod', 'staging']);
    assert.equal(v.prod.bucket, 'my-prod');
  });
  test('module for_each resource parent key', () => {
    const v = get(index, 'module.network.aws_subnet.private') as { id: string }[];
    assert.deepEqual(v.map((x) => x.id), ['subnet-p0', 'subnet-p1']);
  });
  test('whole instance', () => {
    assert.deepEqual(get(index, 'aws_lb.pub'), { id: 'lb-pub', dns_name: 'pub.example' });
  });
});

describe('sensitive outputs and listing', () => {
  const index = load(fixture('lookup.tfstate'));
  test('sensitive output is marked', () => {
    const r = lookupAddress(index, 'output.db_password');
    assert.ok(r.found && r.sensitive && r.value === 's3cr3t-pa55');
    const r2 = lookupAddress(index, 'output.cluster_name');
    assert.ok(r2.found && !r2.sensitive);
  });
  test('listAddresses includes instances, outputs and parent keys', () => {
    const all = listAddresses(index);
    for (const a of ['output.repo-url', 'aws_instance.web', 'aws_instance.web[1]', 'aws_s3_bucket.b["k-1"]', 'module.svc["api"].aws_ecs_service.this']) {
      assert.ok(all.includes(a), a);
    }
  });
  test('empty state finds nothing', () => {
    assert.equal(lookupAddress(indexState(emptyState()), 'output.x').found, false);
  });
});

describe('errors', () => {
  const index = load(fixture('lookup.tfstate'));
  test('malformed path after a matched prefix', () => {
    assert.throws(() => lookupAddress(index, 'output.service["unterminated'), PluginLookupError);
    assert.throws(() => lookupAddress(index, 'output.service..x'), /invalid tfstate address/);
  });
  test('state version 3 is rejected with a clear message', () => {
    assert.throws(
      () => parseTfstateText(readFileSync(fixture('v3.tfstate'), 'utf8'), 'v3.tfstate'),
      (e: unknown) => e instanceof PluginSourceError && /unsupported state version 3/.test(e.message),
    );
  });
  test('invalid JSON', () => {
    assert.throws(() => parseTfstateText('{nope', 'x.tfstate'), /x\.tfstate is not valid JSON/);
  });
  test('backend pointer is recognised', () => {
    const p = parseTfstateText(JSON.stringify({ version: 3, backend: { type: 's3', config: { bucket: 'b', key: 'k' } } }), 'p');
    assert.deepEqual(p, { kind: 'backend', backend: { type: 's3', config: { bucket: 'b', key: 'k' } } });
  });
});
