import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from '../../helpers/run-script.js';

const evaluate = (...args: string[]) => runScript('evaluate', ['--data', 'no-such-folder', ...args]);

describe('evaluate CLI', () => {
  it('refuses flags the task does not read, before loading anything', () => {
    expect(evaluate('--task', 'wild', '--out', 'report').stderr).toContain('--out is for --task posters');
    expect(evaluate('--task', 'review', '--non-posters', 'np').stderr).toContain('--non-posters is for --task posters (with --out) or wild');
    expect(evaluate('--non-posters', 'np').stderr).toContain('--non-posters needs --out');
    expect(evaluate('--task', 'wild', '--wild', 'w').stderr).toContain('--wild is for --task wild with --non-posters');
    expect(evaluate('--task', 'review', '--split', 'unfitted').stderr).toContain('--split must be one of validation, all (got "unfitted")');
  }, 60_000);

  it('says when a poster model learnt the validation split, so its figures there are training figures', () => {
    const models = mkdtempSync(join(tmpdir(), 'moviebot-fitted-'));
    for (const [task, data] of [['genre', { validationFitted: 'yes' }], ['rating', {}]] as const) {
      mkdirSync(join(models, task));
      const meta = { task, architecture: 'mobilenet', labels: [task], inputSize: 224, backbone: {}, data };
      writeFileSync(join(models, task, 'metadata.json'), JSON.stringify(meta));
    }
    const run = evaluate('--models', models);
    expect(run.stderr).toContain(`the genre model in ${models} learnt the validation split (--fit-validation), so these are training figures`);
    expect(run.stderr).toContain(join(models, 'genre', 'metadata.json'));
    expect(run.stderr).toContain('--split unfitted scores the posters no head learnt');
    expect(evaluate('--models', models, '--split', 'all').stderr).not.toContain('learnt the validation split');
    expect(evaluate('--models', models, '--split', 'unfitted').stderr).not.toContain('learnt the validation split');
  }, 60_000);

  it('takes the gate\'s non-posters in the wild task, as its usage says', () => {
    const run = evaluate('--task', 'wild', '--non-posters', 'np', '--wild', 'w', '--limit', '1');
    expect(run.status).toBe(1);
    expect(run.stderr).not.toMatch(/for --task|needs --out/);
    expect(run.stderr).toContain('no-such-folder');
  }, 60_000);
});
