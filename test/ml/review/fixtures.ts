import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { create } from 'tar';
import { DEFAULT_REVIEW_TRAINING, trainReviewModel } from '../../../src/ml/training/review/train.js';

const POSITIVE = ['A wonderful, moving film.<br /><br />Loved every minute!', 'Brilliant acting and a great story.', 'Superb, funny and warm; a great film.'];
const NEGATIVE = ['Dull and boring.<br />A waste of time.', 'Terrible script, awful acting.', 'Boring, awful, I hated it?'];
/** SST-style sentences: lower-cased, treebank-tokenised, a level 0-4 first. */
const SST_TRAIN = ['4 a wonderful , moving film .', '0 dull , boring and awful .', '3 a great story .', '1 it does n\'t work -lrb- at all -rrb- .', '2 a film .'];
const SST_DEV = ['4 a great , wonderful film .', '0 awful and boring .', '2 the film .'];

/** Files in aclImdb's layout (ids repeating between pos/ and neg/), plus the malformed names the loader must skip. */
export function reviewFiles(copies = 1): Record<string, string> {
  const files: Record<string, string> = { 'aclImdb/imdb.vocab': 'the\nfilm\n', 'aclImdb/README': 'fixture' };
  for (let copy = 0; copy < copies; copy++) {
    POSITIVE.forEach((text, i) => (files[`aclImdb/train/pos/${copy * 10 + i}_${8 + (i % 3)}.txt`] = text));
    NEGATIVE.forEach((text, i) => (files[`aclImdb/train/neg/${copy * 10 + i}_${1 + (i % 3)}.txt`] = text));
  }
  files['aclImdb/train/pos/notes.txt'] = 'not a review';
  files['aclImdb/train/neg/99_9.txt'] = 'a rating of 9 cannot be negative';
  return files;
}

export async function writeReviewFolder(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'reviews-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

/** Writes the files into a temp folder and packs them as `aclImdb.tar.gz` next to it; returns both paths. */
export async function writeReviewArchive(files: Record<string, string>): Promise<{ folder: string; archive: string }> {
  const folder = await writeReviewFolder(files);
  const archive = `${folder}.tar.gz`;
  await create({ gzip: true, file: archive, cwd: folder }, ['aclImdb']);
  return { folder, archive };
}

/** `stsa.fine.train` (the five sentences twice) and `stsa.fine.dev` in `<folder>/sst`; returns that folder. */
export async function writeSstFolder(folder: string): Promise<string> {
  const dir = join(folder, 'sst');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'stsa.fine.train'), `${[...SST_TRAIN, ...SST_TRAIN].join('\n')}\n`);
  await writeFile(join(dir, 'stsa.fine.dev'), `${SST_DEV.join('\n')}\n`);
  return dir;
}

/** Trains a tiny rater (two epochs, no GloVe) on a generated archive and SST folder; the caller removes `folder` and `archive`. */
export async function trainTinyReviewModel(): Promise<{ folder: string; archive: string; modelDir: string; sstDir: string }> {
  const data = await writeReviewArchive(reviewFiles(4));
  const sstDir = await writeSstFolder(data.folder);
  const modelDir = join(data.folder, 'model');
  await trainReviewModel({
    ...DEFAULT_REVIEW_TRAINING,
    dataPath: data.archive,
    sstDir,
    outDir: modelDir,
    epochs: 2,
    patience: 5,
    batchSize: 4,
    maxLen: 24,
    vocabSize: 40,
    poolSize: 2,
    lstmUnits: 4,
    glove: false,
    validationFraction: 0.3,
    averageFrom: 1,
    // Holds out 'a film .' and 'it does n't work ...' (sentence hashes 0.05 and 0.45), both copies of each.
    sstHoldoutFraction: 0.5,
    command: 'test',
    backend: 'wasm',
  });
  return { ...data, modelDir, sstDir };
}
