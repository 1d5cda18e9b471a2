import { describe, expect, it } from 'vitest';
import { runScript } from '../../helpers/run-script.js';

describe('train:genre CLI', () => {
  it('refuses --wild-answer-weight without wild rows, before reading any data', () => {
    const run = runScript('train-poster', ['--data', 'no-such-folder', '--wild-answer-weight', '0.5']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--wild-answer-weight blends the targets of wild rows: pass --wild DIR too');
  }, 30_000);
});
