import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import { parseDuration } from '../config/duration.js';

/** Options every command accepts (ecspresso's global flags plus ours). Env: ECSX_* first, then ECSPRESSO_*. */
export interface GlobalOptions {
  config?: string;
  envfile?: string[];
  extStr?: string[];
  extCode?: string[];
  timeout?: string;
  region?: string;
  profile?: string;
  assumeRoleArn?: string;
  filterCommand?: string;
  color?: boolean;
  logFormat?: 'text' | 'json';
  output?: 'text' | 'json';
  debug?: boolean;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function addGlobalOptions(cmd: Command): Command {
  return cmd
    .option('-c, --config <file>', 'config file (env ECSX_CONFIG, ECSPRESSO_CONFIG; default: ecsx.yml, …, ecspresso.jsonnet in the working directory)')
    .option('--envfile <file>', 'load environment variables from a file before reading the config (repeatable, or comma-separated)', collect)
    .option('--ext-str <key=value>', 'Jsonnet external string variable (repeatable, or ";"-separated)', collect)
    .option('--ext-code <key=code>', 'Jsonnet external code variable (repeatable, or ";"-separated)', collect)
    .option('--timeout <duration>', 'give up waiting after this long, e.g. 10m (overrides the config)')
    .option('--region <region>', 'AWS region (overrides the config and AWS_REGION)')
    .option('--profile <name>', 'AWS shared-config profile (AWS_PROFILE)')
    .option('--assume-role-arn <arn>', 'make every AWS call with this IAM role (sts:AssumeRole; env ECSX_ASSUME_ROLE_ARN, ECSPRESSO_ASSUME_ROLE_ARN)')
    .option('--filter-command <cmd>', 'command used to choose among tasks interactively (peco, fzf)')
    .option('--no-color', 'disable colour')
    .addOption(new Option('--log-format <format>', 'log format on stderr').choices(['text', 'json']))
    .addOption(new Option('-o, --output <format>', 'output format: human text, or JSON results on stdout and JSON-lines logs on stderr').choices(['text', 'json']))
    .option('--debug', 'verbose logs, including AWS API inputs');
}

/** Fills options not given on the command line from ECSX_* / ECSPRESSO_* environment variables. */
export function applyEnvDefaults(o: GlobalOptions, env: NodeJS.ProcessEnv): GlobalOptions {
  const pick = (name: string) => env[`ECSX_${name}`] ?? env[`ECSPRESSO_${name}`];
  const list = (v: string | undefined) => (v ? [v] : undefined);
  return {
    ...o,
    envfile: o.envfile ?? list(pick('ENVFILE')),
    extStr: o.extStr ?? list(pick('EXT_STR')),
    extCode: o.extCode ?? list(pick('EXT_CODE')),
    timeout: o.timeout ?? pick('TIMEOUT'),
    assumeRoleArn: o.assumeRoleArn ?? pick('ASSUME_ROLE_ARN'),
    filterCommand: o.filterCommand ?? pick('FILTER_COMMAND'),
    logFormat: o.logFormat ?? (pick('LOG_FORMAT') as GlobalOptions['logFormat']),
    debug: o.debug ?? (pick('DEBUG') ? ['1', 'true'].includes(pick('DEBUG')!.toLowerCase()) : undefined),
    color: pick('COLOR') && ['0', 'false'].includes(pick('COLOR')!.toLowerCase()) ? false : o.color,
  };
}

/** `K=V;K2=V2` (ecspresso's map flag syntax), possibly given several times. */
export function parseKeyValues(values: string[] | undefined, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values ?? []) {
    for (const part of v.split(';')) {
      if (part.trim() === '') continue;
      const eq = part.indexOf('=');
      if (eq <= 0) throw new UsageError(`${flag}: expected KEY=VALUE, got ${JSON.stringify(part)}`);
      out[part.slice(0, eq)] = part.slice(eq + 1);
    }
  }
  return out;
}

export function parseTimeoutFlag(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  try {
    return parseDuration(v);
  } catch {
    throw new UsageError(`--timeout: invalid duration ${JSON.stringify(v)} (expected e.g. 90s, 10m, 1h30m)`);
  }
}

export function splitList(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
}
