import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const installed = await import('onnxruntime-node').then(() => true, () => false);
const child = fileURLToPath(new URL('./long-command-line-child.ts', import.meta.url));

describe.skipIf(!installed)('ONNX Runtime telemetry', () => {
  it('stays off, so a long command line (predict over 800 posters) neither crashes the session nor leaves a log in /tmp', () => {
    const posters = Array.from({ length: 800 }, (_, i) => `/data/movie-posters/Images/tt${String(i).padStart(7, '0')}-a-longer-name.jpg`);
    const env = { ...process.env };
    delete env.ORT_DISABLE_TELEMETRY;
    const run = spawnSync(process.execPath, ['--import', 'tsx', child, ...posters], { encoding: 'utf8', env });
    expect(run.signal).toBeNull();
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([10, 10]);
    expect(existsSync(join(tmpdir(), `mat-debug-${run.pid}.log`))).toBe(false);
  });
});
