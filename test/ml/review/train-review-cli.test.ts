import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('train:review CLI', () => {
  it('refuses distillation settings without teachers, before reading any data', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/train-review.ts', '--data', 'no-such.tar.gz', '--distill-ngram-weight', '0.3'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--distill-ngram-weight shape distillation, which needs teachers: add --distill-from DIRS');
  }, 30_000);
});
