import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import type { CommandHost } from './index.js';

interface Spec {
  name: string;
  options: string[];
  subcommands: string[];
}

/** Commands, their long options and sub-subcommands, read from the live command tree so completions never go stale. */
function specs(program: Command): { global: string[]; commands: Spec[] } {
  const longs = (c: Command) => c.options.map((o) => o.long).filter((l): l is string => Boolean(l));
  return {
    global: longs(program),
    commands: program.commands.map((c) => ({ name: c.name(), options: longs(c), subcommands: c.commands.map((s) => s.name()) })),
  };
}

function bash(program: Command): string {
  const { global, commands } = specs(program);
  const cases = commands.map((c) => `    ${c.name}) opts="${[...c.subcommands, ...c.options, ...global].join(' ')}" ;;`).join('\n');
  return `# ecsx bash completion. Install: ecsx completion bash > /etc/bash_completion.d/ecsx (or source it from ~/.bashrc)
_ecsx() {
  local cur cmd opts
  cur="\${COMP_WORDS[COMP_CWORD]}"
  cmd="\${COMP_WORDS[1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "${commands.map((c) => c.name).join(' ')} ${global.join(' ')}" -- "$cur") )
    return
  fi
  case "$cmd" in
${cases}
    *) opts="${global.join(' ')}" ;;
  esac
  COMPREPLY=( $(compgen -W "$opts" -f -- "$cur") )
}
complete -o default -F _ecsx ecsx
`;
}

function zsh(program: Command): string {
  const { global, commands } = specs(program);
  const cases = commands.map((c) => `    ${c.name}) compadd -- ${[...c.subcommands, ...c.options, ...global].join(' ')} ;;`).join('\n');
  return `#compdef ecsx
# ecsx zsh completion. Install: ecsx completion zsh > "\${fpath[1]}/_ecsx"
_ecsx() {
  if (( CURRENT == 2 )); then
    compadd -- ${commands.map((c) => c.name).join(' ')} ${global.join(' ')}
    return
  fi
  case "\${words[2]}" in
${cases}
    *) compadd -- ${global.join(' ')} ;;
  esac
  _files
}
compdef _ecsx ecsx
`;
}

function fish(program: Command): string {
  const { global, commands } = specs(program);
  const lines = ['# ecsx fish completion. Install: ecsx completion fish > ~/.config/fish/completions/ecsx.fish', 'complete -c ecsx -f'];
  for (const c of program.commands) {
    lines.push(`complete -c ecsx -n '__fish_use_subcommand' -a ${c.name()} -d ${JSON.stringify(c.description().split('\n')[0].slice(0, 60))}`);
  }
  for (const c of commands) {
    for (const s of c.subcommands) lines.push(`complete -c ecsx -n '__fish_seen_subcommand_from ${c.name}' -a ${s}`);
    for (const o of c.options) lines.push(`complete -c ecsx -n '__fish_seen_subcommand_from ${c.name}' -l ${o.slice(2)}`);
  }
  for (const o of global) lines.push(`complete -c ecsx -l ${o.slice(2)}`);
  return lines.join('\n') + '\n';
}

export function registerCompletion(program: Command, host: CommandHost): void {
  program
    .command('completion')
    .description('print a shell completion script')
    .argument('<shell>', 'bash | zsh | fish')
    .addHelpText('after', '\nExamples:\n  ecsx completion bash > /etc/bash_completion.d/ecsx\n  ecsx completion zsh > "${fpath[1]}/_ecsx"\n  ecsx completion fish > ~/.config/fish/completions/ecsx.fish\n')
    .action(async (shell: string, _o: unknown, cmd: Command) => {
      const s = host.session(cmd);
      const gen = { bash, zsh, fish }[shell as 'bash'];
      if (!gen) throw new UsageError(`unknown shell "${shell}": expected bash, zsh or fish`);
      await s.io.notify({ code: 'ECSX_COMPLETION', level: 'result', message: gen(program).trimEnd(), time: s.ctx.clock.now() });
    });
}
