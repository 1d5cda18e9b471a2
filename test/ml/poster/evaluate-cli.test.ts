import { describe, expect, it } from 'vitest';
import { runScript } from '../../helpers/run-script.js';

const evaluate = (...args: string[]) => runScript('evaluate', ['--data', 'no-such-folder', ...args]);

describe('evaluate CLI', () => {
  it('refuses flags the task does not read, before loading anything', () => {
    expect(evaluate('--task', 'wild', '--out', 'report').stderr).toContain('--out is for --task posters');
    expect(evaluate('--task', 'review', '--non-posters', 'np').stderr).toContain('--non-posters is for --task posters (with --out) or wild');
    expect(evaluate('--non-posters', 'np').stderr).toContain('--non-posters needs --out');
    expect(evaluate('--task', 'wild', '--wild', 'w').stderr).toContain('--wild is for --task wild with --non-posters');
  }, 60_000);

  it('takes the gate\'s non-posters in the wild task, as its usage says', () => {
    const run = evaluate('--task', 'wild', '--non-posters', 'np', '--wild', 'w', '--limit', '1');
    expect(run.status).toBe(1);
    expect(run.stderr).not.toMatch(/for --task|needs --out/);
    expect(run.stderr).toContain('no-such-folder');
  }, 60_000);
});
