import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { modelAvailable, validateErrorCode, validateOutput } from './model-validator.js';

describe('model validator', { skip: !modelAvailable() && 'ECS model not available' }, () => {
  it('accepts a conforming response', () => {
    assert.deepEqual(validateOutput('ListClusters', { clusterArns: ['arn:aws:ecs:us-east-1:1:cluster/a'] }), []);
  });

  it('reports unknown members, wrong types, bad enums, ms timestamps and missing required members', () => {
    const problems = validateOutput('DescribeServices', {
      services: [
        {
          serviceName: 'x',
          bogus: 1,
          desiredCount: '2',
          launchType: 'LAMBDA',
          createdAt: 1768467600000,
          deploymentConfiguration: { deploymentCircuitBreaker: { enable: true } },
        },
      ],
    });
    assert.equal(problems.length, 5, problems.join('\n'));
    assert.ok(problems.some((p) => p.includes('bogus: not a member of Service')));
    assert.ok(problems.some((p) => p.includes('desiredCount: expected integer')));
    assert.ok(problems.some((p) => p.includes("'LAMBDA' not in enum")));
    assert.ok(problems.some((p) => p.includes('createdAt: expected epoch seconds')));
    assert.ok(problems.some((p) => p.includes('rollback: required member')));
  });

  it('checks error codes against the operation', () => {
    assert.deepEqual(validateErrorCode('UpdateService', 'ServiceNotActiveException'), []);
    assert.equal(validateErrorCode('RegisterTaskDefinition', 'ServiceNotFoundException').length, 1);
  });
});
