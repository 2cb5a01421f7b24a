/**
 * Questions on a terminal. The built-in hosts answer every request with its default (nobody to
 * ask); when stdin and stderr are both a TTY this wraps the session's host so requests are asked
 * on stderr and the typed line is the answer. Actions treat an `undefined` answer as "could not
 * ask" and refuse destructive steps unless `--force` was given.
 */
import { createInterface } from 'node:readline';
import { InterruptedError } from '../../errors.js';
import type { IoHost, IoRequest } from '../../io/messages.js';

/** Whether questions can be asked: stdin and stderr are terminals. */
export function canPrompt(): boolean {
  return Boolean(process.stdin.isTTY && process.stderr.isTTY);
}

/** `io`, answering requests by asking on the terminal when there is one. */
export function withTerminalPrompts(io: IoHost): IoHost {
  if (!canPrompt()) return io;
  return {
    notify: (msg) => io.notify(msg),
    requestResponse: <R>(req: IoRequest<R>) => ask(req.message) as Promise<R>,
  };
}

function ask(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    rl.on('SIGINT', () => {
      rl.close();
      process.stderr.write('\n');
      reject(new InterruptedError());
    });
    rl.question(question.endsWith(' ') ? question : `${question} `, (answer) => {
      rl.close();
      resolve(answer.trim());
    });
  });
}
