// Finds the Postgres and Redis servers for tests, or starts throwaway ones when they are down but
// installed. Used by the vitest global setup only.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Started = { url: string; stop(): void };

export function canConnect(url: string, timeoutMs = 1500): Promise<boolean> {
  const u = new URL(url);
  const port = Number(u.port || (u.protocol.startsWith('redis') ? 6379 : 5432));
  return new Promise((resolve) => {
    const socket = createConnection({ host: u.hostname, port, timeout: timeoutMs });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

function findBinary(name: string, extraDirs: string[]): string | null {
  for (const dir of [...extraDirs, ...(process.env.PATH ?? '').split(':')]) {
    const candidate = join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

function postgresBinDirs(): string[] {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .sort()
    .reverse()
    .map((v) => join(root, v, 'bin'));
}

async function waitFor(url: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await canConnect(url, 500)) return true;
    await new Promise((r) => setTimeout(r, 150));
  }
  return false;
}

/** A port the kernel hands out is free now; a random one could already be taken. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/** initdb + pg_ctl in a temp dir (as the postgres user when running as root, which initdb refuses). */
export async function startThrowawayPostgres(): Promise<Started | null> {
  const dirs = postgresBinDirs();
  const initdb = findBinary('initdb', dirs);
  const pgCtl = findBinary('pg_ctl', dirs);
  if (!initdb || !pgCtl) return null;
  const dir = mkdtempSync(join(tmpdir(), 'baodao-pg-'));
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const run = (bin: string, args: string[]) => {
    if (asRoot) {
      execFileSync('chown', ['-R', 'postgres', dir]);
      execFileSync('runuser', ['-u', 'postgres', '--', bin, ...args], { stdio: 'ignore' });
    } else execFileSync(bin, args, { stdio: 'ignore' });
  };
  const user = asRoot ? 'postgres' : (process.env.USER ?? 'postgres');
  run(initdb, ['-D', join(dir, 'data'), '-A', 'trust', '-U', user, '--no-sync']);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300`;
  run(pgCtl, ['-D', join(dir, 'data'), '-o', opts, '-l', join(dir, 'log'), '-w', 'start']);
  const url = `postgres://${user}@127.0.0.1:${port}/postgres`;
  if (!(await waitFor(url, 15000))) return null;
  return {
    url,
    stop() {
      try {
        run(pgCtl, ['-D', join(dir, 'data'), '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

export async function startThrowawayRedis(): Promise<Started | null> {
  const bin = findBinary('redis-server', []);
  if (!bin) return null;
  const port = await freePort();
  const child: ChildProcess = spawn(
    bin,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const url = `redis://127.0.0.1:${port}`;
  if (!(await waitFor(url, 10000))) {
    child.kill('SIGKILL');
    return null;
  }
  return { url, stop: () => child.kill('SIGKILL') };
}
