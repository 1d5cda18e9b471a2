import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/ml/runtime/backend.js';
import { trainTinyReviewModel } from './fixtures.js';

function rateReviews(modelDir: string, stdin: string, flags: string[] = ['--json']): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/rate-review.ts', ...flags, '--model', modelDir], { env: { ...process.env, TF_BACKEND: 'wasm' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
    child.stdin.end(stdin);
  });
}

describe('rate-review CLI', () => {
  let trained: { folder: string; archive: string; modelDir: string };
  beforeAll(async () => {
    await initBackend('wasm');
    trained = await trainTinyReviewModel();
  });
  afterAll(() => Promise.all([rm(trained.folder, { recursive: true, force: true }), rm(trained.archive, { force: true })]));

  it('prints exactly one {"rating"} JSON line per input line, in order, empty lines included', async () => {
    const lines = ['Brilliant acting and a great story.', '', 'Terrible script, awful acting.', '😀', ...Array.from({ length: 70 }, (_, i) => `review ${i}`)];
    const { stdout, code } = await rateReviews(trained.modelDir, `${lines.join('\n')}\n`);
    expect(code).toBe(0);
    const output = stdout.trimEnd().split('\n');
    expect(output).toHaveLength(lines.length);
    for (const line of output) {
      const parsed = JSON.parse(line) as { rating: number };
      expect(Object.keys(parsed)).toEqual(['rating']);
      expect(parsed.rating).toBeGreaterThanOrEqual(1);
      expect(parsed.rating).toBeLessThanOrEqual(10);
    }
  });

  it('prints nothing for no input and a readable line without --json', async () => {
    expect((await rateReviews(trained.modelDir, '')).stdout).toBe('');
    const { stdout } = await rateReviews(trained.modelDir, 'Loved it!\n', []);
    expect(stdout).toMatch(/^\d+\.\d\/10 {2}Loved it!\n$/);
  });

  it('answers a review that states its score with that score, as the bot does', async () => {
    const { stdout } = await rateReviews(trained.modelDir, 'Awful, 2/10.\nLoved it!\n');
    expect(stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as object)).toEqual([{ rating: 2, stated: '2/10' }, { rating: expect.any(Number) }]);
    expect((await rateReviews(trained.modelDir, 'Awful, 2/10.\n', [])).stdout).toBe('2.0/10  Awful, 2/10.\n        The score the review gives itself (2/10).\n');
  });

  it('fails with a clear message when the model folder is missing', async () => {
    const { code, stderr } = await rateReviews(`${trained.folder}/nowhere`, 'x\n');
    expect(code).toBe(1);
    expect(stderr).toMatch(/Cannot read .*nowhere.*metadata\.json/);
  });
});
