import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { downloadImage, type DownloadOptions } from '../../../core/download/index.js';
import { inReadableFormat } from '../../../core/heic.js';
import { heatmapOverPicture } from '../../../core/heatmap-overlay.js';
import { linkSource } from '../../../core/message-links.js';
import { type DecodedPoster, decodePosterRegion } from '../../../core/image.js';
import type { PosterExplanation, PosterPredictor, PosterResult } from '../../../core/predictions.js';

export type InputOutcome = { file: string } & ((PosterResult & { heatmap?: PosterExplanation }) | { error: string });

/** What `predictInputs` does beyond predicting: heat maps, and what to do with each (e.g. write its overlay). */
export interface PredictInputsOptions {
  readonly explain?: boolean;
  readonly onHeatmap?: (input: { file: string; index: number; bytes: Uint8Array; heatmap: PosterExplanation }) => Promise<void>;
}

interface DecodedInput extends DecodedPoster {
  readonly bytes: Uint8Array;
}

const CHUNK = 16;

function isUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error);
}

/**
 * The inputs with each local folder replaced by the files under it (subfolders too, in name order, hidden ones
 * left out), so `predict posters/` reads a whole held-out folder without a shell glob or an over-long command
 * line. Files that are not images still get their own error line; an empty folder stays, to be reported.
 */
export async function expandFolders(inputs: readonly string[]): Promise<string[]> {
  const expanded = await Promise.all(inputs.map(async (input) => {
    if (isUrl(input) || !(await stat(input).then((info) => info.isDirectory(), () => false))) return [input];
    const entries = await readdir(input, { recursive: true, withFileTypes: true });
    const files = entries
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name))
      .filter((file) => !relative(input, file).split(sep).some((part) => part.startsWith('.')))
      .sort();
    return files.length > 0 ? files : [input];
  }));
  return expanded.flat();
}

async function decodeInput(input: string, size: number, download: DownloadOptions): Promise<DecodedInput> {
  const given = isUrl(input)
    ? (await downloadImage(linkSource(input), download)).bytes
    : await readFile(input).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new Error(`no such file: ${input}`);
      throw new Error(error.code === 'EISDIR' ? `${input} is a folder with no files in it` : `cannot read ${input}: ${error.message}`);
    });
  try {
    const bytes = await inReadableFormat(given);
    return { bytes, ...(await decodePosterRegion(bytes, size)) };
  } catch (error) {
    throw new Error(`not a readable image (${message(error)})`);
  }
}

async function heatmapOf(predictor: PosterPredictor, decoded: DecodedInput, file: string, index: number, options: PredictInputsOptions): Promise<{ heatmap?: PosterExplanation }> {
  if (options.explain !== true || predictor.explain === undefined) return {};
  // The grid covers the whole picture as given, also when the poster was cut out of it.
  const heatmap = heatmapOverPicture(await predictor.explain(decoded.pixels), decoded);
  await options.onHeatmap?.({ file, index, bytes: decoded.bytes, heatmap });
  return { heatmap };
}

/**
 * Predicts every input (local path or http(s) URL) in order, in batches, handing each outcome to `emit` as soon as
 * its batch is done; an input that cannot be read becomes `{ file, error }` and the rest go on. With `explain`,
 * each result also carries the top genre's heat map (when the models can explain themselves).
 */
export async function predictInputs(
  predictor: PosterPredictor,
  inputs: readonly string[],
  download: DownloadOptions,
  emit: (outcome: InputOutcome) => void,
  options: PredictInputsOptions = {},
): Promise<void> {
  for (let start = 0; start < inputs.length; start += CHUNK) {
    const chunk = inputs.slice(start, start + CHUNK);
    const decoded = await Promise.all(chunk.map((input) => decodeInput(input, predictor.inputSize, download).catch((error: unknown) => new Error(message(error)))));
    const images = decoded.flatMap((d) => (d instanceof Error ? [] : [d.pixels]));
    let results: PosterResult[] | Error;
    try {
      results = await predictor.predict(images);
    } catch (error) {
      results = new Error(`prediction failed: ${message(error)}`);
    }
    let next = 0;
    for (const [i, file] of chunk.entries()) {
      const input = decoded[i]!;
      if (input instanceof Error) emit({ file, error: input.message });
      else if (results instanceof Error) emit({ file, error: results.message });
      else emit({ file, ...results[next++]!, ...(await heatmapOf(predictor, input, file, start + i, options)) });
    }
  }
}
