// Pure pieces of verify: tree status and rendering, trust policies, role names, secret
// references, when an execution role is needed, and how AWS errors become NG or WARN.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { countStatuses, ng, ok, problems, renderTree, skip, statusOf, warn, type VerifyNode } from '../../../src/actions/verify/tree.js';
import { roleNameOf, trustsEcsTasks } from '../../../src/actions/verify/roles.js';
import { secretRef } from '../../../src/actions/verify/secrets.js';
import { executionRoleNeed } from '../../../src/actions/verify/task-definition.js';
import { attempt } from '../../../src/actions/verify/attempt.js';

const tree: VerifyNode[] = [
  ok('Cluster main'),
  {
    name: 'TaskDefinition web',
    children: [
      ok('ExecutionRole arn:aws:iam::1:role/exec'),
      skip('TaskRole', 'not set'),
      { name: 'Container app', children: [skip('Image nginx', 'registries are not checked'), ng('Secret DB /db', 'SSM parameter not found'), warn('LogConfiguration awslogs /ecs/web', 'cannot check: access denied to logs:DescribeLogGroups')] },
    ],
  },
  { name: 'ServiceDefinition', children: [skip('NetworkConfiguration', 'no awsvpcConfiguration')] },
];

describe('verify tree', () => {
  it('a parent takes the worst status below it; SKIP only when nothing was checked', () => {
    assert.deepEqual(tree.map(statusOf), ['OK', 'NG', 'SKIP']);
    assert.equal(statusOf({ name: 'x', children: [ok('a'), warn('b', 'w'), skip('c', 's')] }), 'WARN');
    assert.equal(statusOf({ name: 'x', status: 'NG', message: 'm', children: [ok('a')] }), 'NG');
  });
  it('renders one line per node: status column, indented name, message', () => {
    assert.equal(
      renderTree(tree),
      [
        'OK    Cluster main',
        'NG    TaskDefinition web',
        'OK      ExecutionRole arn:aws:iam::1:role/exec',
        'SKIP    TaskRole: not set',
        'NG      Container app',
        'SKIP      Image nginx: registries are not checked',
        'NG        Secret DB /db: SSM parameter not found',
        'WARN      LogConfiguration awslogs /ecs/web: cannot check: access denied to logs:DescribeLogGroups',
        'SKIP  ServiceDefinition',
        'SKIP    NetworkConfiguration: no awsvpcConfiguration',
      ].join('\n'),
    );
  });
  it('colours only when asked', () => {
    assert.doesNotMatch(renderTree(tree), /\x1b/);
    assert.match(renderTree(tree, { color: true }), /\x1b\[31mNG {2}\x1b\[39m/);
  });
  it('problems and counts', () => {
    assert.deepEqual(problems(tree), [
      { path: ['TaskDefinition web', 'Container app', 'Secret DB /db'], status: 'NG', message: 'SSM parameter not found' },
      { path: ['TaskDefinition web', 'Container app', 'LogConfiguration awslogs /ecs/web'], status: 'WARN', message: 'cannot check: access denied to logs:DescribeLogGroups' },
    ]);
    assert.deepEqual(countStatuses(tree), { OK: 2, NG: 1, WARN: 1, SKIP: 3 });
  });
});

describe('trust policies', () => {
  const doc = (statement: unknown) => JSON.stringify({ Version: '2012-10-17', Statement: statement });
  const allow = { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' };
  const cases: [string, string | undefined, boolean][] = [
    ['plain JSON', doc([allow]), true],
    ['URL-encoded, as IAM returns it', encodeURIComponent(doc([allow])), true],
    ['a single statement object, principal and action lists', doc({ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com', 'ecs-tasks.amazonaws.com'] }, Action: ['sts:AssumeRole', 'sts:TagSession'] }), true],
    ['another service', doc([{ ...allow, Principal: { Service: 'lambda.amazonaws.com' } }]), false],
    ['Deny', doc([{ ...allow, Effect: 'Deny' }]), false],
    ['another action', doc([{ ...allow, Action: 'sts:AssumeRoleWithWebIdentity' }]), false],
    ['garbage', '%%%', false],
    ['none', undefined, false],
  ];
  for (const [name, d, want] of cases) it(name, () => assert.equal(trustsEcsTasks(d), want));
  it('role names from ARNs with paths', () => {
    assert.equal(roleNameOf('arn:aws:iam::123456789012:role/service/app'), 'app');
    assert.equal(roleNameOf('arn:aws:iam::123456789012:role/ecsTaskExecutionRole'), 'ecsTaskExecutionRole');
    assert.equal(roleNameOf('ecsTaskExecutionRole'), 'ecsTaskExecutionRole');
  });
});

describe('secret references', () => {
  const cases: [string, ReturnType<typeof secretRef>][] = [
    ['/app/db', { kind: 'ssm', name: '/app/db' }],
    ['plain-name', { kind: 'ssm', name: 'plain-name' }],
    ['arn:aws:ssm:us-east-1:123456789012:parameter/app/db', { kind: 'ssm', name: '/app/db' }],
    ['arn:aws:ssm:us-east-1:123456789012:parameter/plain', { kind: 'ssm', name: 'plain' }],
    ['arn:aws:secretsmanager:us-east-1:123456789012:secret:web/api-AbCdEf', { kind: 'secretsmanager', id: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:web/api-AbCdEf' }],
    ['arn:aws:secretsmanager:us-east-1:123456789012:secret:web/api-AbCdEf:key::', { kind: 'secretsmanager', id: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:web/api-AbCdEf' }],
  ];
  for (const [valueFrom, want] of cases) it(valueFrom, () => assert.deepEqual(secretRef(valueFrom), want));
});

describe('executionRoleNeed', () => {
  const c = (extra: object) => ({ family: 'f', containerDefinitions: [{ name: 'a', image: 'nginx', ...extra }] });
  it('secrets, registry credentials, Fargate awslogs or ECR need one', () => {
    assert.match(executionRoleNeed(c({ secrets: [{ name: 'X', valueFrom: '/x' }] }))!, /secrets/);
    assert.match(executionRoleNeed(c({ repositoryCredentials: { credentialsParameter: 'arn' } }))!, /repositoryCredentials/);
    assert.match(executionRoleNeed({ ...c({ logConfiguration: { logDriver: 'awslogs' } }), requiresCompatibilities: ['FARGATE'] })!, /awslogs/);
    assert.match(executionRoleNeed({ ...c({ image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1' }), requiresCompatibilities: ['FARGATE'] })!, /ECR/);
  });
  it('a plain EC2 task does not', () => assert.equal(executionRoleNeed(c({ logConfiguration: { logDriver: 'awslogs' } })), undefined));
});

describe('attempt: AWS errors', () => {
  const sdkError = (name: string, message: string, service: string, operation: string) => {
    const e = Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });
    Object.defineProperty(e, '$ecsxService', { value: service });
    Object.defineProperty(e, '$ecsxOperation', { value: operation });
    return e;
  };
  it('missing permissions are WARN (ecspresso)', async () => {
    const n = await attempt('TaskRole x', () => Promise.reject(sdkError('AccessDenied', 'User is not authorized to perform: iam:GetRole', 'iam', 'GetRole')));
    assert.deepEqual(n, { name: 'TaskRole x', status: 'WARN', message: 'cannot check: access denied to iam:GetRole (AccessDenied)' });
  });
  it('other failures are NG with the call that failed', async () => {
    const n = await attempt('Subnets', () => Promise.reject(sdkError('InvalidParameterValue', 'bad filter', 'ec2', 'DescribeSubnets')));
    assert.deepEqual(n, { name: 'Subnets', status: 'NG', message: 'ec2 DescribeSubnets failed: bad filter (InvalidParameterValue)' });
  });
});
