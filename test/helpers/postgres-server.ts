import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { portOpen } from './ports.js';

/**
 * PostgreSQL for the store tests, on loopback only: TEST_DATABASE_URL when set (CI starts a server), else a
 * private server started from Debian's binaries in a temp folder, like redis-server.ts does for Redis.
 */
export interface TestPostgres {
  /** A new, empty database on the server, dropped by stop(). */
  freshDatabase(): Promise<string>;
  stop(): Promise<void>;
}

const DEBIAN_BINARIES = '/usr/lib/postgresql';

function postgresBinDir(): string | undefined {
  if (!existsSync(DEBIAN_BINARIES)) return undefined;
  const versions = readdirSync(DEBIAN_BINARIES).sort((a, b) => Number(b) - Number(a));
  return versions.map((version) => join(DEBIAN_BINARIES, version, 'bin')).find((dir) => existsSync(join(dir, 'initdb')));
}

/** initdb refuses to run as root, so as root the server runs as Debian's postgres user. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Why PostgreSQL tests cannot run here, or undefined when they can. */
export function postgresUnavailableReason(): string | undefined {
  if (process.env.TEST_DATABASE_URL !== undefined) return undefined;
  if (postgresBinDir() === undefined) return `neither TEST_DATABASE_URL nor PostgreSQL binaries under ${DEBIAN_BINARIES} (apt-get install postgresql)`;
  if (process.getuid?.() === 0 && serverUser() === undefined) return 'running as root without a postgres user to start the server as';
  return undefined;
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const server = process.env.TEST_DATABASE_URL === undefined ? await startPrivateServer() : undefined;
  const adminUrl = server?.url ?? process.env.TEST_DATABASE_URL!;
  const created: string[] = [];
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    freshDatabase: async () => {
      const name = `moviebot_test_${process.pid}_${created.length}_${Math.floor(Math.random() * 1e9)}`;
      await admin((client) => client.query(`CREATE DATABASE ${name}`));
      created.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    stop: async () => {
      if (server !== undefined) return server.stop();
      await admin(async (client) => {
        for (const name of created) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      });
    },
  };
}

async function startPrivateServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const bin = postgresBinDir()!;
  const user = serverUser();
  const dir = await mkdtemp(join(tmpdir(), 'moviebot-pg-'));
  if (user) await chown(dir, user.uid, user.gid);
  const asServerUser = { cwd: dir, ...(user ?? {}) };
  const init = spawnSync(join(bin, 'initdb'), ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync'], { ...asServerUser, encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  // fsync off: the tests check the store's behaviour, not the disk's; a private server is thrown away after.
  const child: ChildProcess = spawn(
    join(bin, 'postgres'),
    ['-D', join(dir, 'data'), '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'],
    { ...asServerUser, stdio: 'ignore' },
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  await waitForPostgres(url);
  return {
    url,
    stop: async () => {
      child.kill('SIGINT'); // PostgreSQL's "fast shutdown"
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPostgres(url: string): Promise<void> {
  const port = Number(new URL(url).port);
  for (let attempt = 0; attempt < 300; attempt += 1) {
    const open = await portOpen(port);
    if (open) {
      const client = new pg.Client({ connectionString: url });
      const ready = await client.connect().then(() => true, () => false);
      await client.end().catch(() => undefined);
      if (ready) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`PostgreSQL did not start on port ${port}`);
}
