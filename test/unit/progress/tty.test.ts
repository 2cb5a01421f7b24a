import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IoMessage } from '../../../src/io/messages.js';
import { TtyProgressHost, createProgressHost, PlainProgressHost, stripAnsi, visibleWidth } from '../../../src/cli/progress/index.js';
import { JsonIoHost } from '../../../src/io/hosts.js';
import { Screen } from './screen.js';
import { T0, snap } from './snapshots.js';

const msg = (code: string, data: unknown, message = code, level: IoMessage['level'] = 'info', time = T0): IoMessage => ({ code, level, message, time, data });

function host(columns = 100, color = false) {
  const writes: string[] = [];
  const screen = new Screen(columns);
  const out: string[] = [];
  const h = new TtyProgressHost({
    out: (t) => (out.push(t), screen.write(t)),
    err: (t) => (writes.push(t), screen.write(t)),
    color,
    columns,
    formatTime: (ms) => `+${(ms - T0) / 1000}s`,
  });
  return { h, writes, screen, out };
}

test('first frame is drawn without erasing; the next one erases exactly the block, in one write', async () => {
  const { h, writes, screen } = host();
  await h.notify(msg('ECSX_DEPLOY_PROGRESS', snap({ pending: 1 })));
  assert.equal(writes.length, 1);
  assert.ok(!writes[0].includes('\x1b[A') && !writes[0].startsWith('\r'));
  assert.equal(writes[0].split('\n').length - 1, 3);
  await h.notify(msg('ECSX_DEPLOY_PROGRESS', snap({ running: 3, pending: 1, elapsedMs: 65_000 })));
  assert.equal(writes.length, 2);
  assert.ok(writes[1].startsWith('\r\x1b[3A\x1b[J'), JSON.stringify(writes[1].slice(0, 12)));
  assert.deepEqual(screen.text(), [
    '● web  SCALE_UP  1m5s  3/4 running',
    '  PRIMARY  app:42  desired 4 pending 1 running 3 [█████████▒▒▒] IN_PROGRESS',
    '  ACTIVE   app:41  desired 4 pending 0 running 4 [████████████] COMPLETED',
  ]);
});

test('service events are printed above the block, which is redrawn under them', async () => {
  const { h, screen } = host();
  await h.notify(msg('ECSX_DEPLOY_PROGRESS', snap()));
  await h.notify(msg('ECSX_SERVICE_EVENT', { id: 'e1' }, '(service web) has started 4 tasks: (task a) (task b) (task c) (task d).', 'info', T0 + 3000));
  await h.notify(msg('ECSX_SERVICE_EVENT', { id: 'e2' }, '(service web) registered 4 targets in (target-group tg)', 'info', T0 + 9000));
  await h.notify(msg('ECSX_DEPLOY_PROGRESS', snap({ running: 4, elapsedMs: 10_000 })));
  const t = screen.text();
  assert.equal(t.length, 5);
  assert.equal(t[0], '+3s (service web) has started 4 tasks: (task a) (task b) (task c) (task d).');
  assert.equal(t[1], '+9s (service web) registered 4 targets in (target-group tg)');
  assert.match(t[2], /^● web {2}SCALE_UP {2}10s/);
  assert.match(t[3], /running 4 \[████████████\]/);
});

test('ends on the final state: final frame stays, message under it, no redraw after', async () => {
  const { h, screen, writes } = host();
  await h.notify(msg('ECSX_DEPLOY_PROGRESS', snap({ running: 2 })));
  const final = snap({ running: 4, oldRunning: 0, rollout: 'COMPLETED', phase: 'COMPLETED', elapsedMs: 95_000, reason: 'service is stable on app:42' });
  await h.notify(msg('ECSX_DEPLOY_SUCCEEDED', { snapshot: final }, 'service is stable on app:42 (1m35s)'));
  await h.notify(msg('ECSX_RESULT', undefined, 'done', 'result'));
  assert.deepEqual(screen.text(), [
    '✔ web  succeeded  1m35s  service is stable on app:42',
    '  PRIMARY  app:42  desired 4 pending 0 running 4 [████████████] COMPLETED',
    'service is stable on app:42 (1m35s)',
    'done',
  ]);
  assert.ok(!writes.at(-1)!.includes('\x1b['));
});

test('failure: final frame marked with the failure state, diagnosis lines kept', async () => {
  const { h, screen } = host();
  await h.notify(msg('ECSX_DEPLOY_PROGRESS', snap({ running: 1 })));
  await h.notify(msg('ECSX_DEPLOY_FAILED', { state: 'rolled-back', snapshot: snap({ running: 0, rollout: 'FAILED' }) }, 'deployment of app:42 failed', 'error'));
  await h.notify(msg('ECSX_TASK_STOPPED', {}, '3 tasks stopped: CannotPullContainerError: …', 'warn'));
  const t = screen.text();
  assert.match(t[0], /^✖ web {2}rolled-back/);
  assert.equal(t.at(-2), 'error: deployment of app:42 failed');
  assert.equal(t.at(-1), 'warning: 3 tasks stopped: CannotPullContainerError: …');
});

for (const columns of [100, 60, 40, 20]) {
  test(`narrow terminal (${columns} columns): no block line wraps`, async () => {
    const { h, screen, writes } = host(columns, true);
    const sd = { status: 'IN_PROGRESS', lifecycleStage: 'PRODUCTION_TRAFFIC_SHIFT', target: { requested: 4, running: 4, pending: 0, productionTrafficWeight: 5 } };
    await h.notify(msg('ECSX_DEPLOY_PROGRESS', snap({ running: 3, pending: 1, sd, reason: 'a very long reason that would certainly wrap on any small terminal window' })));
    await h.notify(msg('ECSX_DEPLOY_PROGRESS', snap({ running: 4, sd })));
    for (const line of writes[1].split('\n')) assert.ok(visibleWidth(line.replace(/^\r\x1b\[\d+A\x1b\[J/, '')) <= columns - 1, `${visibleWidth(line)} > ${columns - 1}: ${stripAnsi(line)}`);
    assert.equal(screen.text().length, 4); // the erase matched what was drawn
    const plain = screen.text().join('\n');
    if (columns >= 72) assert.match(plain, /\[█/);
    else assert.doesNotMatch(plain, /\[█/);
  });
}

test('colour: codes only when asked, and reset after a cut', async () => {
  const a = host(100, false);
  await a.h.notify(msg('ECSX_DEPLOY_PROGRESS', snap()));
  assert.ok(!a.writes[0].includes('\x1b['));
  const b = host(30, true);
  await b.h.notify(msg('ECSX_DEPLOY_PROGRESS', snap()));
  assert.ok(b.writes[0].includes('\x1b['));
  for (const l of b.writes[0].split('\n').filter((l) => l.includes('…'))) assert.ok(l.endsWith('\x1b[0m'));
});

test('requestResponse and other messages go above the block', async () => {
  const { h, screen } = host();
  await h.notify(msg('ECSX_DEPLOY_PROGRESS', snap()));
  await h.notify(msg('ECSX_WARNING', undefined, 'something odd', 'warn'));
  const r = await h.requestResponse({ ...msg('ECSX_CONFIRM', undefined, 'continue?'), defaultResponse: true });
  assert.equal(r, true);
  const t = screen.text();
  assert.deepEqual(t.slice(0, 2), ['warning: something odd', 'continue?']);
  assert.match(t[2], /^● web/);
});

test('createProgressHost picks the host', () => {
  const io = { out: () => {}, err: () => {} };
  assert.ok(createProgressHost({ ...io, isTTY: true }) instanceof TtyProgressHost);
  assert.ok(createProgressHost({ ...io, isTTY: false }) instanceof PlainProgressHost);
  assert.ok(createProgressHost({ ...io, isTTY: true, json: true }) instanceof JsonIoHost);
});
