/**
 * The sandbox's own command line (bundled to `dist/sandbox.js`; `ecsx sandbox …` spawns it).
 * `start` runs a sandbox in the foreground; the other subcommands talk to a running one.
 */
import { parseArgs } from 'node:util';
import { SandboxClient, type FaultRuleInput } from './client.js';
import { startSandbox } from './index.js';

const USAGE = `Usage: sandbox <command> [options]

  start [--port N] [--time-scale X] [--region R] [--seed N] [--throttle off|realistic]
        [--account-id ID] [--no-moto] [--json]      run a sandbox in the foreground (default port 4566)
  status                                             endpoint, clock, faults
  reset                                              forget all state (ECS, moto, faults, request log)
  advance <seconds>                                  step simulated time, running what falls due
  scale <timeScale>                                  0 freezes time; 60 = a minute per second
  requests [--service S] [--operation O] [--since T] [--json]
  fault add --kind throttle|error5xx|latency|reset [--service S] [--operation O] [--rate R]
            [--count N] [--latency-ms MS] [--status N] [--code C] [--message M]
  fault list | fault clear | fault rm <id> | fault seed <n>

  --endpoint URL   sandbox to talk to (default $AWS_ENDPOINT_URL or http://127.0.0.1:4566)`;

const OPTIONS = {
  endpoint: { type: 'string' },
  port: { type: 'string' },
  'time-scale': { type: 'string' },
  region: { type: 'string' },
  seed: { type: 'string' },
  throttle: { type: 'string' },
  'account-id': { type: 'string' },
  'no-moto': { type: 'boolean' },
  json: { type: 'boolean' },
  service: { type: 'string' },
  operation: { type: 'string' },
  since: { type: 'string' },
  kind: { type: 'string' },
  rate: { type: 'string' },
  count: { type: 'string' },
  'latency-ms': { type: 'string' },
  status: { type: 'string' },
  code: { type: 'string' },
  message: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  if (command === 'start') return start(values);
  const client = new SandboxClient(values.endpoint ?? process.env.AWS_ENDPOINT_URL ?? 'http://127.0.0.1:4566');
  const print = (v: unknown) => console.log(JSON.stringify(v, null, 2));
  switch (command) {
    case 'status': {
      const [health, faults] = await Promise.all([client.health(), client.faults()]);
      if (values.json) print({ ...health, faults });
      else {
        console.log(`endpoint  ${health.endpoint}  (region ${health.region}, account ${health.accountId})`);
        console.log(`moto      ${health.moto ? health.moto.endpoint : 'disabled'}`);
        console.log(`clock     ${health.clock.iso}  scale ${health.clock.timeScale}  pending ${health.clock.pending}`);
        console.log(`faults    ${faults.rules.length} rule(s), seed ${faults.seed}, throttle ${faults.throttle}`);
      }
      return 0;
    }
    case 'reset':
      await client.reset();
      console.log('sandbox reset');
      return 0;
    case 'advance': {
      const s = await client.advance(number(rest[0], 'seconds'));
      console.log(`clock ${s.iso} (${s.pending} pending)`);
      return 0;
    }
    case 'scale': {
      const s = await client.setTimeScale(number(rest[0], 'timeScale'));
      console.log(`time scale ${s.timeScale}`);
      return 0;
    }
    case 'requests': {
      const entries = await client.requests({ service: values.service, operation: values.operation, since: values.since });
      if (values.json) print(entries);
      else for (const e of entries) {
        console.log(`${e.time}  ${e.status}  ${e.service}:${e.operation}  ${e.durationMs}ms${e.errorCode ? `  ${e.errorCode}` : ''}${e.fault ? `  [${e.fault}]` : ''}`);
      }
      return 0;
    }
    case 'fault':
      return fault(client, rest, values, print);
    default:
      throw new UsageError(`unknown command: ${command}`);
  }
}

async function fault(client: SandboxClient, rest: string[], values: Values, print: (v: unknown) => void): Promise<number> {
  const [sub, arg] = rest;
  if (sub === 'list') print(await client.faults());
  else if (sub === 'clear') print(await client.clearFaults());
  else if (sub === 'rm') print(await client.removeFault(arg ?? ''));
  else if (sub === 'seed') print(await client.setSeed(number(arg, 'seed')));
  else if (sub === 'add') {
    if (!values.kind) throw new UsageError('fault add needs --kind');
    const rule: FaultRuleInput = { kind: values.kind as FaultRuleInput['kind'] };
    if (values.service) rule.service = values.service;
    if (values.operation) rule.operation = values.operation.includes(',') ? values.operation.split(',') : values.operation;
    if (values.rate) rule.rate = number(values.rate, 'rate');
    if (values.count) rule.count = number(values.count, 'count');
    if (values['latency-ms']) rule.latencyMs = number(values['latency-ms'], 'latency-ms');
    if (values.status) rule.status = number(values.status, 'status');
    if (values.code) rule.code = values.code;
    if (values.message) rule.message = values.message;
    print(await client.addFault(rule));
  } else throw new UsageError('fault needs add, list, clear, rm <id> or seed <n>');
  return 0;
}

async function start(values: Values): Promise<number> {
  const sandbox = await startSandbox({
    port: values.port !== undefined ? number(values.port, 'port') : 4566,
    timeScale: values['time-scale'] !== undefined ? number(values['time-scale'], 'time-scale') : undefined,
    region: values.region,
    seed: values.seed !== undefined ? number(values.seed, 'seed') : undefined,
    throttle: values.throttle as 'off' | 'realistic' | undefined,
    accountId: values['account-id'],
    moto: !values['no-moto'],
  });
  const env = sandbox.env();
  if (values.json) {
    // One line a launcher can wait for and parse.
    console.log(JSON.stringify({ endpoint: sandbox.endpoint, region: sandbox.region, pid: process.pid, env }));
  } else {
    console.log(`Sandbox listening on ${sandbox.endpoint} (region ${sandbox.region}). Ctrl-C stops it.`);
    console.log('# point the AWS SDKs, the AWS CLI and ecsx at it:');
    for (const [k, v] of Object.entries(env)) console.log(`export ${k}=${v}`);
    console.log('unset AWS_PROFILE AWS_SESSION_TOKEN');
  }
  let stopping = false;
  const onSignal = (sig: NodeJS.Signals) => {
    if (stopping) process.exit(130); // a second Ctrl-C: do not wait any longer
    stopping = true;
    console.error(`\n${sig}: stopping sandbox`);
    sandbox.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  return new Promise<number>(() => undefined); // runs until a signal
}

function number(v: string | undefined, name: string): number {
  const n = Number(v);
  if (v === undefined || v.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${name} must be a number`);
  return n;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError || (err as { code?: string })?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      console.error(`sandbox: ${(err as Error).message}\n\n${USAGE}`);
      process.exit(2);
    }
    console.error(`sandbox: ${(err as Error)?.message ?? String(err)}`);
    process.exit(1);
  },
);
