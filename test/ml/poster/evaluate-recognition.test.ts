import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type RecognitionReport, writeRecognition } from '../../../src/ml/training/poster/evaluate-recognition.js';

const report = (threshold: number | undefined): RecognitionReport => ({
  validationPosters: 10, validationNearestMax: 0.78, validationNearestP99: 0.7, threshold, recognised: { webp: { '0.85': 0.9 } },
});

describe('recording the recognition threshold', () => {
  let dir = '';
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  async function indexMetadata(): Promise<string> {
    dir = await mkdtemp(join(tmpdir(), 'recognition-'));
    await mkdir(join(dir, 'similar'));
    const path = join(dir, 'similar', 'metadata.json');
    await writeFile(path, JSON.stringify({ task: 'similar', count: 3 }));
    return path;
  }

  it('adds the threshold and what it was measured on, keeping the rest of the metadata', async () => {
    const path = await indexMetadata();
    await writeRecognition(dir, report(0.85), 'npm run evaluate:explain -- --task recognise --write');
    const written = JSON.parse(await readFile(path, 'utf8'));
    expect(written).toMatchObject({ task: 'similar', count: 3, recognition: { threshold: 0.85, measured: { validationNearestMax: 0.78 } } });
    expect(written.recognition.measured.command).toContain('--task recognise');
  });

  it('refuses to record a threshold when none clears the validation posters', async () => {
    const path = await indexMetadata();
    await expect(writeRecognition(dir, report(undefined), 'cmd')).rejects.toThrow(/should not name posters/);
    expect(JSON.parse(await readFile(path, 'utf8')).recognition).toBeUndefined();
  });
});
