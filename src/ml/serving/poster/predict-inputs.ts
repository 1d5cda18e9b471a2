import { readFile } from 'node:fs/promises';
import { downloadImage, type DownloadOptions } from '../../../core/download/index.js';
import { decodePoster } from '../../../core/image.js';
import type { PosterPredictor, PosterResult } from '../../../core/predictions.js';

export type InputOutcome = { file: string } & (PosterResult | { error: string });

const CHUNK = 16;

function isUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error);
}

async function pixelsOf(input: string, size: number, download: DownloadOptions): Promise<Uint8Array> {
  const bytes = isUrl(input)
    ? await downloadImage({ kind: 'url', url: input, origin: 'user' }, download)
    : await readFile(input).catch((error: NodeJS.ErrnoException) => {
      throw new Error(error.code === 'ENOENT' ? `no such file: ${input}` : `cannot read ${input}: ${error.message}`);
    });
  try {
    return await decodePoster(bytes, size);
  } catch (error) {
    throw new Error(`not a readable image (${message(error)})`);
  }
}

/**
 * Predicts every input (local path or http(s) URL) in order, in batches, handing each outcome to `emit` as soon as
 * its batch is done; an input that cannot be read becomes `{ file, error }` and the rest go on.
 */
export async function predictInputs(
  predictor: PosterPredictor,
  inputs: readonly string[],
  download: DownloadOptions,
  emit: (outcome: InputOutcome) => void,
): Promise<void> {
  for (let start = 0; start < inputs.length; start += CHUNK) {
    const chunk = inputs.slice(start, start + CHUNK);
    const decoded = await Promise.all(chunk.map((input) => pixelsOf(input, predictor.inputSize, download).catch((error: unknown) => new Error(message(error)))));
    const images = decoded.filter((d): d is Uint8Array => !(d instanceof Error));
    let results: PosterResult[] | Error;
    try {
      results = await predictor.predict(images);
    } catch (error) {
      results = new Error(`prediction failed: ${message(error)}`);
    }
    let next = 0;
    chunk.forEach((file, i) => {
      const pixels = decoded[i]!;
      if (pixels instanceof Error) return emit({ file, error: pixels.message });
      if (results instanceof Error) return emit({ file, error: results.message });
      emit({ file, ...results[next++]! });
    });
  }
}
