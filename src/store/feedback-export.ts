import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { sniffImageFormat } from '../core/image.js';
import type { BotStore, FeedbackRecord } from './records.js';

/** One line of `npm run feedback -- export`: a feedback record, plus where its image was written, if it was. */
export type FeedbackLine = FeedbackRecord & { readonly image?: string };

/** The file name a kept image is written under: its hash and an extension from its first bytes. */
export function keptImageFileName(imageSha256: string, bytes: Uint8Array): string {
  const format = sniffImageFormat(bytes);
  const extension = format === 'jpeg' ? 'jpg' : format === 'unknown' ? 'bin' : format;
  return `${imageSha256}.${extension}`;
}

/**
 * Writes every feedback record as a JSON line through `writeLine`. With `imagesDir`, each kept image is written
 * there once (as `<sha256>.<ext>`) and the lines of its votes carry its absolute path as `image`.
 * Returns how many lines and images were written.
 */
export async function exportFeedbackLines(
  store: BotStore,
  writeLine: (line: string) => void,
  imagesDir?: string,
): Promise<{ lines: number; images: number }> {
  if (imagesDir !== undefined) await mkdir(imagesDir, { recursive: true });
  const written = new Map<string, string>();
  let lines = 0;
  for await (const record of store.exportFeedback()) {
    let image: string | undefined;
    if (imagesDir !== undefined && record.imageKept) {
      image = written.get(record.imageSha256) ?? (await writeKeptImage(store, record.imageSha256, imagesDir));
      if (image !== undefined) written.set(record.imageSha256, image);
    }
    const line: FeedbackLine = image === undefined ? record : { ...record, image };
    writeLine(`${JSON.stringify(line)}\n`);
    lines += 1;
  }
  return { lines, images: written.size };
}

/** Undefined when the image went between the listing and the read (a purge or /forget-me in another process). */
async function writeKeptImage(store: BotStore, imageSha256: string, imagesDir: string): Promise<string | undefined> {
  const bytes = await store.keptImage(imageSha256);
  if (bytes === undefined) return undefined;
  const path = resolve(join(imagesDir, keptImageFileName(imageSha256, bytes)));
  await writeFile(path, bytes);
  return path;
}
