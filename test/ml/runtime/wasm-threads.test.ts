import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CHILD = fileURLToPath(new URL('./wasm-threads-child.ts', import.meta.url));

/** Starts the wasm backend with `threads` XNNPACK threads in a fresh process; resolves with its report and exit code. */
function runChild(threads: number): Promise<{ report: { threads: number; relativeDifference: number; digest: string; log: string }; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, String(threads)], { stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ report: JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as never, code }));
  });
}

describe('wasm threads', () => {
  it('runs XNNPACK on two threads in Node with the very numbers of one thread, and lets the process exit on its own', async () => {
    const [one, two] = await Promise.all([runChild(1), runChild(2)]);
    expect([one.code, two.code]).toEqual([0, 0]);
    expect([one.report.threads, two.report.threads]).toEqual([1, 2]);
    expect(two.report.log).toMatch(/wasm .*2 thread\(s\)/);
    expect(two.report.digest).toBe(one.report.digest);
    expect(two.report.relativeDifference).toBeLessThan(1e-4);
  }, 60_000);
});
