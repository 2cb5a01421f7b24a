// Pure pieces of run: --tags parsing (ecspresso util_test.go), the RunTask input and task outcomes.
import { describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../../src/errors.js';
import { parseTags, runTaskInput } from '../../../src/actions/run/input.js';
import { taskOutcome } from '../../../src/actions/run/watch.js';

describe('parseTags', () => {
  const ok: [string, { key: string; value: string }[]][] = [
    ['Foo=Bar', [{ key: 'Foo', value: 'Bar' }]],
    ['Foo=,Bar=', [{ key: 'Foo', value: '' }, { key: 'Bar', value: '' }]],
    ['Foo=Bar,', [{ key: 'Foo', value: 'Bar' }]],
    ['a=b=c', [{ key: 'a', value: 'b=c' }]],
    ['', []],
  ];
  for (const [input, want] of ok) it(`accepts ${JSON.stringify(input)}`, () => assert.deepEqual(parseTags(input), want));
  for (const bad of ['Foo', '=', '=x', 'a=1,,b']) {
    it(`rejects ${JSON.stringify(bad)}`, () => {
      if (bad === 'a=1,,b') assert.throws(() => parseTags(bad), UsageError);
      else assert.throws(() => parseTags(bad), /expected KEY=VALUE/);
    });
  }
});

describe('runTaskInput', () => {
  const net = { awsvpcConfiguration: { subnets: ['subnet-a'], securityGroups: ['sg-1'] } };
  it('runs where the service runs', () => {
    const input = runTaskInput({
      cluster: 'main',
      taskDefinition: 'web:3',
      count: 2,
      service: { launchType: 'FARGATE', platformVersion: '1.4.0', networkConfiguration: net, enableExecuteCommand: true },
      tags: [{ key: 'job', value: 'x' }],
      propagateTags: 'TASK_DEFINITION',
      overrides: {},
    });
    assert.deepEqual(input, {
      cluster: 'main',
      taskDefinition: 'web:3',
      count: 2,
      launchType: 'FARGATE',
      platformVersion: '1.4.0',
      networkConfiguration: net,
      enableExecuteCommand: true,
      propagateTags: 'TASK_DEFINITION',
      tags: [{ key: 'job', value: 'x' }],
    });
  });
  it('a capacity provider strategy wins over a launch type', () => {
    const input = runTaskInput({ cluster: 'c', taskDefinition: 't', count: 1, service: { launchType: 'FARGATE', capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] } });
    assert.equal(input.launchType, undefined);
    assert.deepEqual(input.capacityProviderStrategy, [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }]);
  });
  it('without a service: cluster, task definition and count only', () => {
    assert.deepEqual(runTaskInput({ cluster: 'c', taskDefinition: 't', count: 1 }), { cluster: 'c', taskDefinition: 't', count: 1 });
  });
  it('checks count and propagateTags', () => {
    assert.throws(() => runTaskInput({ cluster: 'c', taskDefinition: 't', count: 11 }), /between 1 and 10/);
    assert.throws(() => runTaskInput({ cluster: 'c', taskDefinition: 't', count: 0 }), UsageError);
    assert.throws(() => runTaskInput({ cluster: 'c', taskDefinition: 't', count: 1, propagateTags: 'EVERYTHING' }), /SERVICE or TASK_DEFINITION/);
  });
});

describe('taskOutcome', () => {
  it('the watched container\'s exit code', () => {
    const t = { taskArn: 'arn:t', lastStatus: 'STOPPED', stopCode: 'EssentialContainerExited' as const, containers: [{ name: 'sidecar', exitCode: 0 }, { name: 'app', exitCode: 3 }] };
    assert.deepEqual(taskOutcome(t, 'app'), { taskArn: 'arn:t', lastStatus: 'STOPPED', stopCode: 'EssentialContainerExited', exitCode: 3 });
  });
  it('a container that never ran has no exit code, only a reason', () => {
    const t = { taskArn: 'arn:t', lastStatus: 'STOPPED', stoppedReason: 'CannotPullContainerError: x', containers: [{ name: 'app', reason: 'CannotPullContainerError: x' }] };
    assert.deepEqual(taskOutcome(t, 'app'), { taskArn: 'arn:t', lastStatus: 'STOPPED', stoppedReason: 'CannotPullContainerError: x', containerReason: 'CannotPullContainerError: x' });
  });
});

test('runTaskInput: client token, and the service\'s managed EBS volumes with a termination policy', () => {
  const service = {
    deployments: [
      {
        status: 'PRIMARY',
        volumeConfigurations: [
          {
            name: 'data',
            managedEBSVolume: {
              roleArn: 'arn:aws:iam::1:role/ebs',
              sizeInGiB: 20,
              tagSpecifications: [
                { resourceType: 'volume', propagateTags: 'SERVICE' },
                { resourceType: 'volume', tags: [{ key: 'k', value: 'v' }] },
              ],
            },
          },
        ],
      },
    ],
  } as any;
  const input = runTaskInput({ cluster: 'c', taskDefinition: 'app:1', count: 1, service, clientToken: 'tok-1' });
  assert.equal(input.clientToken, 'tok-1');
  assert.deepEqual(input.volumeConfigurations, [
    {
      name: 'data',
      managedEBSVolume: {
        roleArn: 'arn:aws:iam::1:role/ebs',
        sizeInGiB: 20,
        tagSpecifications: [{ resourceType: 'volume', tags: [{ key: 'k', value: 'v' }] }],
        terminationPolicy: { deleteOnTermination: true },
      },
    },
  ]);
  const kept = runTaskInput({ cluster: 'c', taskDefinition: 'app:1', count: 1, service, ebsDeleteOnTermination: false });
  assert.equal(kept.volumeConfigurations![0].managedEBSVolume!.terminationPolicy!.deleteOnTermination, false);
  assert.equal(runTaskInput({ cluster: 'c', taskDefinition: 'app:1', count: 1 }).volumeConfigurations, undefined);
});
