import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { create } from 'tar';

const POSITIVE = ['A wonderful, moving film.<br /><br />Loved every minute!', 'Brilliant acting and a great story.', 'Superb, funny and warm; a great film.'];
const NEGATIVE = ['Dull and boring.<br />A waste of time.', 'Terrible script, awful acting.', 'Boring, awful, I hated it?'];

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
