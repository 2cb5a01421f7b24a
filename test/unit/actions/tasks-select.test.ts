import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Task } from '@aws-sdk/client-ecs';
import { onlyTask } from '../../../src/actions/tasks/select.js';
import { UsageError, UserInputError } from '../../../src/errors.js';

const task = (id: string): Task => ({ taskArn: `arn:aws:ecs:us-east-1:1:task/c/${id}`, lastStatus: 'RUNNING', taskDefinitionArn: 'arn:aws:ecs:us-east-1:1:task-definition/app:3', createdAt: new Date(0) });
const tasks = [task('aaa111'), task('bbb222'), task('ccc333')];

test('one task is the answer; none is an error; several need --id without a filter command', async () => {
  assert.equal((await onlyTask([tasks[0]], 'stop')).taskArn, tasks[0].taskArn);
  await assert.rejects(onlyTask([], 'stop'), UserInputError);
  await assert.rejects(onlyTask(tasks, 'stop'), (e: unknown) => e instanceof UsageError && /pass --id to choose one of aaa111, bbb222, ccc333/.test(e.message));
});

test('a filter command (peco, fzf, …) gets one line per task and picks one', async () => {
  // A stand-in for an interactive filter: it "chooses" the second line.
  const chosen = await onlyTask(tasks, 'stop', 'sed -n 2p');
  assert.equal(chosen.taskArn, tasks[1].taskArn);
});

test('a filter that is cancelled or prints nothing chooses nothing', async () => {
  await assert.rejects(onlyTask(tasks, 'stop', 'false'), (e: unknown) => e instanceof UsageError && /exited 1/.test(e.message));
  await assert.rejects(onlyTask(tasks, 'stop', 'true'), (e: unknown) => e instanceof UsageError && /printed no task id/.test(e.message));
});
