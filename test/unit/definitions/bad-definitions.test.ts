/**
 * Bad definitions: each case asserts the exact message (path included) and file:line:col of the
 * first problem. Texts are small and multi-line so positions are easy to check by eye.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DefinitionCheckError,
  parseExpressDefinition,
  parseServiceDefinition,
  parseTaskDefinition,
  type DefinitionOptions,
  type DefinitionSource,
} from '../../../src/definitions/index.js';
import { DefinitionError } from '../../../src/errors.js';

type Kind = 'task' | 'service' | 'express';
interface Case {
  name: string;
  kind: Kind;
  text: string;
  message: string;
  at: string; // line:col
  opts?: DefinitionOptions;
}

const j = (...lines: string[]) => lines.join('\n');
const parse: Record<Kind, (src: DefinitionSource, opts?: DefinitionOptions) => unknown> = {
  task: parseTaskDefinition,
  service: parseServiceDefinition,
  express: parseExpressDefinition,
};
/** A valid task definition around one container, given as the lines inside its braces. */
const td = (...container: string[]) =>
  j('{', '  "family": "app",', '  "containerDefinitions": [', '    {', ...container.map((l) => `      ${l}`), '    }', '  ]', '}');
const ROLE = '"infrastructureRoleArn": "arn:aws:iam::123456789012:role/infra"';

const cases: Case[] = [
  // --- JSON syntax (strict: no comments, no trailing commas) ---
  { name: 'trailing comma in an object', kind: 'task', text: j('{', '  "family": "a",', '}'), message: 'invalid JSON in task definition: trailing commas are not allowed in JSON', at: '2:16' },
  { name: 'trailing comma in an array', kind: 'task', text: j('{', '  "requiresCompatibilities": ["EC2",]', '}'), message: 'invalid JSON in task definition: trailing commas are not allowed in JSON', at: '2:36' },
  { name: 'line comment', kind: 'service', text: j('{', '  // replicas', '  "desiredCount": 1', '}'), message: 'invalid JSON in service definition: comments are not allowed in JSON', at: '2:3' },
  { name: 'block comment', kind: 'service', text: j('{', '  "desiredCount": 1 /* two? */', '}'), message: 'invalid JSON in service definition: comments are not allowed in JSON', at: '2:21' },
  { name: 'single-quoted string', kind: 'task', text: j('{', "  'family': 'a'", '}'), message: 'invalid JSON in task definition: unexpected "\'family\'" (strings and names need double quotes)', at: '2:3' },
  { name: 'unquoted key', kind: 'task', text: j('{', '  family: "a"', '}'), message: 'invalid JSON in task definition: unexpected "family"', at: '2:3' },
  { name: 'missing comma between properties', kind: 'task', text: j('{', '  "family": "a"', '  "cpu": "256"', '}'), message: "invalid JSON in task definition: expected ',' or a closing bracket", at: '3:3' },
  { name: 'object not closed', kind: 'task', text: j('{', '  "family": "a"'), message: "invalid JSON in task definition: expected '}': the object is not closed", at: '2:16' },
  { name: 'missing colon', kind: 'task', text: j('{', '  "family" "a"', '}'), message: "invalid JSON in task definition: expected ':' after the property name", at: '2:12' },
  { name: 'NaN is not JSON', kind: 'service', text: j('{', '  "desiredCount": NaN', '}'), message: 'invalid JSON in service definition: unexpected "NaN"', at: '2:19' },
  { name: 'content after the object', kind: 'service', text: j('{}', '{}'), message: 'invalid JSON in service definition: unexpected content after the end of the JSON value', at: '2:1' },
  { name: 'invalid escape', kind: 'task', text: j('{', '  "family": "a\\qb"', '}'), message: 'invalid JSON in task definition: invalid escape sequence in string', at: '2:13' },
  { name: 'empty file', kind: 'express', text: '\n', message: 'express definition is empty: expected a JSON object', at: '1:1' },
  { name: 'root is an array', kind: 'service', text: j('', '[]'), message: 'service definition must be a JSON object, got array', at: '2:1' },

  // --- wrong JSON types ---
  {
    name: 'containerPort as a string (path example)', kind: 'task',
    text: td('"name": "app",', '"portMappings": [', '  { "containerPort": 80 },', '  { "containerPort": "80" }', ']'),
    message: 'containerDefinitions[0].portMappings[1].containerPort: expected integer, got string "80" (remove the quotes: 80)', at: '8:28',
  },
  { name: 'task cpu as a number (ecspresso and the AWS CLI reject it too)', kind: 'task', text: j('{', '  "family": "a",', '  "cpu": 256,', '  "containerDefinitions": [{}]', '}'), message: 'cpu: expected string, got integer 256 (write it as a string: "256")', at: '3:10' },
  { name: 'boolean as a string', kind: 'task', text: td('"essential": "true"'), message: 'containerDefinitions[0].essential: expected boolean, got string "true" (remove the quotes: true)', at: '5:20' },
  { name: 'fractional container memory', kind: 'task', text: td('"memory": 1.5'), message: 'containerDefinitions[0].memory: expected integer, got number 1.5', at: '5:17' },
  { name: 'containerDefinitions as an object', kind: 'task', text: j('{', '  "family": "a",', '  "containerDefinitions": { "name": "x" }', '}'), message: 'containerDefinitions: expected array, got object (use a list: [ ... ])', at: '3:27' },
  { name: 'environment value as a number', kind: 'task', text: td('"environment": [{ "name": "N", "value": 3 }]'), message: 'containerDefinitions[0].environment[0].value: expected string, got integer 3 (write it as a string: "3")', at: '5:47' },
  { name: 'dockerLabels as an array', kind: 'task', text: td('"dockerLabels": ["a=b"]'), message: 'containerDefinitions[0].dockerLabels: expected object, got array', at: '5:23' },
  { name: 'dockerLabels value as a number (map keys kept verbatim)', kind: 'task', text: td('"dockerLabels": { "com.example.Port": 80 }'), message: 'containerDefinitions[0].dockerLabels["com.example.Port"]: expected string, got integer 80 (write it as a string: "80")', at: '5:45' },
  { name: 'log option as a boolean', kind: 'task', text: td('"logConfiguration": {', '  "logDriver": "awslogs",', '  "options": { "awslogs-create-group": true }', '}'), message: 'containerDefinitions[0].logConfiguration.options["awslogs-create-group"]: expected string, got boolean true (write it as a string: "true")', at: '7:46' },
  { name: 'integer beyond 32 bits', kind: 'task', text: td('"portMappings": [{ "containerPort": 3000000000 }]'), message: 'containerDefinitions[0].portMappings[0].containerPort: expected a 32-bit integer, got 3000000000', at: '5:43' },
  { name: 'ephemeral storage as a string', kind: 'task', text: j('{', '  "family": "a",', '  "containerDefinitions": [{}],', '  "ephemeralStorage": { "sizeInGiB": "25" }', '}'), message: 'ephemeralStorage.sizeInGiB: expected integer, got string "25" (remove the quotes: 25)', at: '4:38' },
  { name: 'command as a string', kind: 'task', text: td('"command": "sleep 10"'), message: 'containerDefinitions[0].command: expected array, got string "sleep 10" (use a list: [ ... ])', at: '5:18' },
  { name: 'null inside a list', kind: 'task', text: td('"command": ["sleep", null]'), message: 'containerDefinitions[0].command[1]: null is not allowed in a list', at: '5:28' },
  { name: 'volume host as a string', kind: 'task', text: j('{', '  "family": "a",', '  "containerDefinitions": [{}],', '  "volumes": [{ "name": "v", "host": "/data" }]', '}'), message: 'volumes[0].host: expected object, got string "/data"', at: '4:38' },
  { name: 'service desiredCount as a string', kind: 'service', text: j('{', '  "desiredCount": "2"', '}'), message: 'desiredCount: expected integer, got string "2" (remove the quotes: 2)', at: '2:19' },
  { name: 'service maximumPercent as a string', kind: 'service', text: j('{', '  "deploymentConfiguration": {', '    "maximumPercent": "200"', '  }', '}'), message: 'deploymentConfiguration.maximumPercent: expected integer, got string "200" (remove the quotes: 200)', at: '3:23' },
  { name: 'subnets as a string', kind: 'service', text: j('{', '  "networkConfiguration": {', '    "awsvpcConfiguration": { "subnets": "subnet-1" }', '  }', '}'), message: 'networkConfiguration.awsvpcConfiguration.subnets: expected array, got string "subnet-1" (use a list: [ ... ])', at: '3:41' },
  { name: 'load balancer port as a string', kind: 'service', text: j('{', '  "loadBalancers": [', '    { "containerName": "app", "containerPort": "8080" }', '  ]', '}'), message: 'loadBalancers[0].containerPort: expected integer, got string "8080" (remove the quotes: 8080)', at: '3:48' },
  { name: 'express cpu as a number', kind: 'express', text: j('{', `  ${ROLE},`, '  "primaryContainer": { "image": "nginx" },', '  "cpu": 1024', '}'), message: 'cpu: expected string, got integer 1024 (write it as a string: "1024")', at: '4:10' },

  // --- enum values ---
  { name: 'network mode typo', kind: 'task', text: j('{', '  "family": "a",', '  "networkMode": "awsvpcc",', '  "containerDefinitions": [{}]', '}'), message: 'networkMode: invalid value "awsvpcc"; expected one of: bridge, host, awsvpc, none (did you mean "awsvpc"?)', at: '3:18' },
  { name: 'compatibility in lower case', kind: 'task', text: j('{', '  "family": "a",', '  "requiresCompatibilities": ["FARGATE", "fargate"],', '  "containerDefinitions": [{}]', '}'), message: 'requiresCompatibilities[1]: invalid value "fargate"; expected one of: EC2, FARGATE, EXTERNAL, MANAGED_INSTANCES (did you mean "FARGATE"?)', at: '3:42' },
  { name: 'unknown log driver', kind: 'task', text: td('"logConfiguration": { "logDriver": "cloudwatch" }'), message: 'containerDefinitions[0].logConfiguration.logDriver: invalid value "cloudwatch"; expected one of: json-file, syslog, journald, gelf, fluentd, awslogs, splunk, awsfirelens', at: '5:42' },
  { name: 'protocol in upper case', kind: 'task', text: td('"portMappings": [{ "containerPort": 80, "protocol": "TCP" }]'), message: 'containerDefinitions[0].portMappings[0].protocol: invalid value "TCP"; expected one of: tcp, udp (did you mean "tcp"?)', at: '5:59' },
  { name: 'service launch type case', kind: 'service', text: j('{', '  "launchType": "Fargate"', '}'), message: 'launchType: invalid value "Fargate"; expected one of: EC2, FARGATE, EXTERNAL, MANAGED_INSTANCES (did you mean "FARGATE"?)', at: '2:17' },
  { name: 'propagateTags typo', kind: 'service', text: j('{', '  "propagateTags": "SERVICES"', '}'), message: 'propagateTags: invalid value "SERVICES"; expected one of: TASK_DEFINITION, SERVICE, NONE (did you mean "SERVICE"?)', at: '2:20' },
  { name: 'deployment controller type', kind: 'service', text: j('{', '  "deploymentController": { "type": "BLUE_GREEN" }', '}'), message: 'deploymentController.type: invalid value "BLUE_GREEN"; expected one of: ECS, CODE_DEPLOY, EXTERNAL', at: '2:37' },
  { name: 'express scaling metric', kind: 'express', text: j('{', `  ${ROLE},`, '  "primaryContainer": { "image": "nginx" },', '  "scalingTarget": { "autoScalingMetric": "CPU" }', '}'), message: 'scalingTarget.autoScalingMetric: invalid value "CPU"; expected one of: AVERAGE_CPU, AVERAGE_MEMORY, REQUEST_COUNT_PER_TARGET', at: '4:43' },

  // --- required fields ---
  { name: 'missing family', kind: 'task', text: j('{', '  "containerDefinitions": [{ "name": "a" }]', '}'), message: 'missing required field "family"', at: '1:1' },
  { name: 'empty containerDefinitions', kind: 'task', text: j('{', '  "family": "a",', '  "containerDefinitions": []', '}'), message: 'containerDefinitions: must not be empty', at: '3:27' },
  { name: 'null containerDefinitions', kind: 'task', text: j('{', '  "family": "a",', '  "containerDefinitions": null', '}'), message: 'missing required field "containerDefinitions"', at: '1:1' },
  { name: 'logConfiguration without logDriver', kind: 'task', text: td('"logConfiguration": {', '  "options": { "awslogs-group": "g" }', '}'), message: 'containerDefinitions[0].logConfiguration: missing required field "logDriver"', at: '5:27' },
  { name: 'secret without valueFrom', kind: 'task', text: td('"secrets": [', '  { "name": "DB_PASSWORD" }', ']'), message: 'containerDefinitions[0].secrets[0]: missing required field "valueFrom"', at: '6:9' },
  { name: 'express without infrastructureRoleArn', kind: 'express', text: j('{', '  "primaryContainer": { "image": "nginx" }', '}'), message: 'missing required field "infrastructureRoleArn"', at: '1:1' },
  { name: 'express container without image', kind: 'express', text: j('{', `  ${ROLE},`, '  "primaryContainer": { "containerPort": 8080 }', '}'), message: 'primaryContainer: missing required field "image"', at: '3:23' },
  { name: 'express with neither container nor task definition', kind: 'express', text: j('{', `  ${ROLE}`, '}'), message: 'missing required field "primaryContainer" (or "taskDefinitionArn")', at: '1:1' },
  { name: 'express taskDefinitionArn with primaryContainer', kind: 'express', text: j('{', `  ${ROLE},`, '  "taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/app:1",', '  "primaryContainer": { "image": "nginx" }', '}'), message: 'taskDefinitionArn cannot be combined with primaryContainer', at: '4:3' },

  // --- ranges and lengths ---
  { name: 'monitoring resolution below the minimum', kind: 'service', text: j('{', '  "monitoring": { "metricConfigurations": [', '    { "metricNames": ["CPUUtilization"], "resolutionSeconds": 10 }', '  ] }', '}'), message: 'monitoring.metricConfigurations[0].resolutionSeconds: expected integer between 20 and 60, got 10', at: '3:63' },
  { name: 'empty tag key', kind: 'service', text: j('{', '  "tags": [{ "key": "", "value": "v" }]', '}'), message: 'tags[0].key: expected a string of between 1 and 128 characters, got 0', at: '2:21' },
  { name: 'capacity provider weight too large', kind: 'service', text: j('{', '  "capacityProviderStrategy": [{ "capacityProvider": "FARGATE", "weight": 1001 }]', '}'), message: 'capacityProviderStrategy[0].weight: expected integer between 0 and 1000, got 1001', at: '2:75' },
  { name: 'more than 50 tags', kind: 'service', text: j('{', `  "tags": [${Array.from({ length: 51 }, (_, i) => `{"key":"k${i}"}`).join(',')}]`, '}'), message: 'tags: expected at most 50 items, got 51', at: '2:11' },

  // --- describe-task-definition output ---
  { name: 'taskDefinition wrapper is a string', kind: 'task', text: j('{', '  "taskDefinition": "app:1"', '}'), message: 'taskDefinition: expected object, got string', at: '2:21' },
  { name: 'errors inside the wrapper carry its path', kind: 'task', text: j('{', '  "taskDefinition": {', '    "family": "a",', '    "containerDefinitions": [{ "cpu": "1" }]', '  }', '}'), message: 'taskDefinition.containerDefinitions[0].cpu: expected integer, got string "1" (remove the quotes: 1)', at: '4:39' },
  { name: 'sibling tags of the wrong type', kind: 'task', text: j('{', '  "taskDefinition": { "family": "a", "containerDefinitions": [{}] },', '  "tags": { "k": "v" }', '}'), message: 'tags: expected array, got object (use a list: [ ... ])', at: '3:11' },

  // --- strict mode ---
  { name: 'unknown field is an error when strict', kind: 'service', opts: { strict: true }, text: j('{', '  "desiredCount": 1,', '  "desiredcont": 2', '}'), message: 'unknown field "desiredcont" (did you mean "desiredCount"?)', at: '3:3' },
  { name: 'nested unknown field when strict', kind: 'task', opts: { strict: true }, text: td('"portMapping": []'), message: 'unknown field "portMapping" in containerDefinitions[0] (did you mean "portMappings"?)', at: '5:7' },
];

for (const c of cases) {
  test(`bad ${c.kind} definition: ${c.name}`, () => {
    const file = `${c.kind}.json`;
    assert.throws(
      () => parse[c.kind]({ file, text: c.text }, c.opts),
      (err: unknown) => {
        assert.ok(err instanceof DefinitionError, `expected DefinitionError, got ${String(err)}`);
        const first = err instanceof DefinitionCheckError ? err.problems[0]!.message : err.message;
        assert.equal(first, c.message);
        assert.equal(`${err.pos?.line}:${err.pos?.col}`, c.at);
        assert.equal(err.pos?.file, file);
        assert.equal(err.code, 'DEFINITION');
        return true;
      },
    );
  });
}

test('every problem is reported, in document order, in one error', () => {
  const text = j('{', '  "family": 1,', '  "cpu": 256,', '  "containerDefinitions": [{ "essential": "yes" }]', '}');
  const err = (() => {
    try {
      parseTaskDefinition({ file: 'td.json', text });
    } catch (e) {
      return e;
    }
    throw new Error('no error');
  })();
  assert.ok(err instanceof DefinitionCheckError);
  assert.deepEqual(
    err.problems.map((p) => `${p.pos.line}:${p.pos.col} ${p.message}`),
    [
      '2:13 family: expected string, got integer 1 (write it as a string: "1")',
      '3:10 cpu: expected string, got integer 256 (write it as a string: "256")',
      '4:43 containerDefinitions[0].essential: expected boolean, got string "yes"',
    ],
  );
  assert.equal(err.describe().split('\n').length, 3);
  assert.match(err.describe(), /^td\.json:2:13: family: expected string/);
  assert.match(err.describe(), /\ntd\.json:4:43: containerDefinitions\[0\]\.essential/);
});

test(`at least 40 bad-definition cases`, () => assert.ok(cases.length >= 40, String(cases.length)));
