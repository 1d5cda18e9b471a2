import { readFile } from 'node:fs/promises';
import { decodePoster } from '../../../core/image.js';

export interface ImageItem {
  readonly id: string;
  readonly imagePath: string;
}

/** Each poster file decoded by the serving preprocessing, or the Error that stopped it (never thrown). */
export function decodePosterFiles(items: readonly ImageItem[], size: number): Promise<Array<Uint8Array | Error>> {
  return Promise.all(items.map(async (item) => {
    try {
      return await decodePoster(await readFile(item.imagePath), size);
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }));
}

export function firstLine(error: Error): string {
  return error.message.split('\n')[0] ?? 'unreadable';
}
