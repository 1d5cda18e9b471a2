import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('train:genre CLI', () => {
  it('refuses --wild-answer-weight without wild rows, before reading any data', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/train-poster.ts', '--data', 'no-such-folder', '--wild-answer-weight', '0.5'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--wild-answer-weight blends the targets of wild rows: pass --wild DIR too');
  }, 30_000);
});
