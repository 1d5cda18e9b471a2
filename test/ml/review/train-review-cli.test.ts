import { describe, expect, it } from 'vitest';
import { runScript } from '../../helpers/run-script.js';

describe('train:review CLI', () => {
  it('refuses distillation settings without teachers, before reading any data', () => {
    const run = runScript('train-review', ['--data', 'no-such.tar.gz', '--distill-ngram-weight', '0.3']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--distill-ngram-weight shape distillation, which needs teachers: add --distill-from DIRS');
  }, 30_000);
});
