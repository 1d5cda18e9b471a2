import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('./bot-process.ts', import.meta.url));
/** `npm start` runs the bot as `node --import tsx`, with no tsx CLI process in between to relay signals. */
const nodeArgs = ['--import', import.meta.resolve('tsx'), entry];

export interface BotProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** The bot's own pid: under npm, `child` is npm and the bot is its child. */
  readonly botPid: number;
  /** Everything the process wrote to stderr (its logs). */
  readonly logs: string[];
  exited: Promise<number | null>;
  /** Signals the bot's whole process group, as Ctrl-C, systemd and `docker stop` do. */
  signalGroup(signal: NodeJS.Signals): void;
}

export interface SpawnBotOptions {
  /** Start it the way `npm start` does, with npm as the parent process (which exits on SIGTERM). */
  readonly viaNpm?: boolean;
}

/** A package whose `npm start` runs the test bot as the project's `npm start` runs the real one. */
function npmWrapper(): string {
  const dir = mkdtempSync(join(tmpdir(), 'moviebot-npm-'));
  const start = ['exec', process.execPath, ...nodeArgs].map((part) => JSON.stringify(part)).join(' ');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'moviebot-wrapper', private: true, scripts: { start } }));
  return dir;
}

/**
 * Starts test/helpers/bot-process.ts with `env` (on a free port) in its own process group, and waits until it
 * listens.
 */
export async function spawnBot(env: Record<string, string>, { viaNpm = false }: SpawnBotOptions = {}): Promise<BotProcess> {
  const [command, args] = viaNpm ? ['npm', ['start', '--silent', '--prefix', npmWrapper()]] : [process.execPath, nodeArgs];
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', LOG_LEVEL: 'info', DATA_DIR: mkdtempSync(join(tmpdir(), 'moviebot-data-')), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const logs: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => logs.push(line));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const { listening: url, pid: botPid } = await new Promise<{ listening: string; pid: number }>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('{"listening"')) resolve(JSON.parse(line) as { listening: string; pid: number });
    });
    void exited.then((code) => reject(new Error(`bot process exited with ${code} before listening:\n${logs.join('\n')}`)));
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  };
  return { child, url, botPid, logs, exited, signalGroup };
}
