import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderSummary } from '../../../src/cli/summary.js';
import type { IoMessage } from '../../../src/io/messages.js';

const msg = (m: Partial<IoMessage>): IoMessage => ({ code: 'X', level: 'info', message: '', time: 0, ...m });

test('a deploy summary: outcome, endpoint, diff block and a gantt chart labelled by phase', () => {
  const md = renderSummary({
    command: 'deploy',
    exitCode: 0,
    messages: [
      msg({ level: 'result', code: 'ECSX_DEPLOY_DIFF', message: '--- remote\n+++ local\n@@ -1 +1 @@\n-a\n+b', time: 1000 }),
      msg({ data: { endpoint: 'https://ab-0123.ecs.us-east-1.on.aws' }, time: 2000 }),
      msg({ code: 'ECSX_DEPLOY_SUCCEEDED', data: { timeline: [{ phase: 'SCALE_UP', start: 10_000, end: 40_000 }, { phase: 'BAKE_TIME', start: 40_000 }, { phase: 'COMPLETED', start: 70_000 }] }, time: 70_000 }),
    ],
  });
  assert.match(md, /^### ecsx deploy: ✅ succeeded$/m);
  assert.match(md, /\*\*Endpoint:\*\* https:\/\/ab-0123/);
  assert.match(md, /```diff\n--- remote/);
  assert.match(md, /```mermaid\ngantt/);
  assert.match(md, /^ {2}SCALE_UP : 0, 30$/m);
  assert.match(md, /^ {2}BAKE_TIME : 30, 60$/m);
});

test('diff --exit-code with changes is a result, not a failure', () => {
  assert.match(renderSummary({ command: 'diff', exitCode: 5, messages: [] }), /^### ecsx diff: 📝 changes found \(exit 5\)$/m);
  assert.match(renderSummary({ command: 'deploy', exitCode: 3, messages: [], error: 'rolled back' }), /❌ failed \(exit 3\)[\s\S]*rolled back/);
});
