import { describe, expect, it } from 'vitest';
import { runScript } from '../../helpers/run-script.js';

describe('train:genre CLI', () => {
  it('refuses --wild-answer-weight without wild rows, before reading any data', () => {
    const run = runScript('train-poster', ['--data', 'no-such-folder', '--wild-answer-weight', '0.5']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--wild-answer-weight blends the targets of wild rows: pass --wild DIR too');
  }, 30_000);

  it('refuses --wild-pictures without wild rows, and a count that is not a positive integer', () => {
    const alone = runScript('train-poster', ['--data', 'no-such-folder', '--wild-pictures', '2']);
    expect(alone.status).toBe(1);
    expect(alone.stderr).toContain('--wild-pictures sets how many wild rows each training poster gets: pass --wild DIR too');
    const zero = runScript('train-poster', ['--data', 'no-such-folder', '--wild', 'w', '--wild-pictures', '0']);
    expect(zero.status).toBe(1);
    expect(zero.stderr).toContain('--wild-pictures');
  }, 30_000);

  it('refuses --fit-validation for the scratch CNN, which has no held-out fit to report beside a refit', () => {
    const run = runScript('train-poster', ['--data', 'no-such-folder', '--arch', 'scratch', '--fit-validation']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--fit-validation is for --arch mobilenet');
  }, 30_000);
});
