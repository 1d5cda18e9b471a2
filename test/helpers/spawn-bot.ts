import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('./bot-process.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

export interface BotProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** Everything the process wrote to stderr (its logs). */
  readonly logs: string[];
  exited: Promise<number | null>;
}

/** Starts test/helpers/bot-process.ts with `env` (on a free port) and waits until it listens. */
export async function spawnBot(env: Record<string, string>): Promise<BotProcess> {
  const child = spawn(tsx, [entry], {
    env: { PATH: process.env.PATH, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => logs.push(line));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve((JSON.parse(line) as { listening: string }).listening));
    void exited.then((code) => reject(new Error(`bot process exited with ${code} before listening:\n${logs.join('\n')}`)));
  });
  return { child, url, logs, exited };
}
