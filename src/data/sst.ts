/**
 * Reads the Stanford Sentiment Treebank sentence files (`stsa.fine.train`, `stsa.fine.dev`): one sentence a line,
 * a label 0 (very negative) to 4 (very positive), a space, then the lower-cased, treebank-tokenised sentence.
 *
 * @example
 * const { sentences } = await loadSstSplit('/data/sst', 'train');
 * sstLevelToRating(sentences[0].level); // e.g. 9.5
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export type SstLevel = 0 | 1 | 2 | 3 | 4;
export const NEUTRAL_SST_LEVEL: SstLevel = 2;

export interface SstSentence {
  /** `train:12`: the file's split and the line number, unique across both files. */
  readonly id: string;
  readonly level: SstLevel;
  readonly text: string;
}

/** Only these two: the test part is held out to judge the shipped model and must never be read here. */
export type SstSplit = 'train' | 'dev';

export class SstDataError extends Error {
  override name = 'SstDataError';
}

/**
 * Where the five SST levels sit on the 1-10 rating scale the rater predicts: equal steps of 2, with neutral at
 * 5.5, the boundary between aclImdb's negative (1-4) and positive (7-10) reviews, and the two extremes at 1.5 and
 * 9.5, where aclImdb's clearly negative and clearly positive reviews average. Training targets for SST sentences
 * come from here and nowhere else.
 */
export const SST_LEVEL_RATINGS: Readonly<Record<SstLevel, number>> = { 0: 1.5, 1: 3.5, 2: 5.5, 3: 7.5, 4: 9.5 };

export function sstLevelToRating(level: SstLevel): number {
  return SST_LEVEL_RATINGS[level];
}

const LINE = /^([0-4]) (.*\S)\s*$/;

/** Parses one file's text; a line that is not `<0-4> <sentence>` throws with its line number, blank lines are skipped. */
export function parseSst(text: string, split: SstSplit): SstSentence[] {
  const sentences: SstSentence[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const match = LINE.exec(line);
    if (!match) throw new SstDataError(`stsa.fine.${split} line ${i + 1} is not "<label 0-4> <sentence>": ${line.slice(0, 60)}`);
    sentences.push({ id: `${split}:${i + 1}`, level: Number(match[1]) as SstLevel, text: match[2] ?? '' });
  });
  return sentences;
}

/** Reads `<dir>/stsa.fine.<split>`. */
export async function loadSstSplit(dir: string, split: SstSplit): Promise<SstSentence[]> {
  const path = join(dir, `stsa.fine.${split}`);
  const text = await readFile(path, 'utf8').catch((error: Error) => {
    throw new SstDataError(`Cannot read SST sentences ${path}: ${error.message}`);
  });
  const sentences = parseSst(text, split);
  if (sentences.length === 0) throw new SstDataError(`${path} holds no sentence`);
  return sentences;
}
