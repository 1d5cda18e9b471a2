import sharp from 'sharp';
import { startWorkerModule } from '../util/worker-module.js';
import { DECODE_TIMEOUT_SECONDS, ImageError, MAX_POSTER_PIXELS, POSTER_BACKGROUND, sniffImageFormat, tooManyPixels } from './image.js';

/** What heic-worker.ts is given. */
export interface HeicJob {
  readonly bytes: Uint8Array;
  readonly maxPixels: number;
}

/** What heic-worker.ts answers; a file it cannot decode makes it throw instead. */
export type HeicOutcome =
  | { readonly kind: 'pixels'; readonly width: number; readonly height: number; readonly rgba: Uint8Array<ArrayBuffer> }
  | { readonly kind: 'too-many-pixels'; readonly width: number; readonly height: number };

const DAMAGED = "That HEIC photo is damaged, cut off or of a kind I can't decode, so I couldn't read it.";

/** One photo decoded at a time: each holds its pixels and the decoder's memory (about 250 MB for 12 megapixels). */
let previous: Promise<unknown> = Promise.resolve();

/**
 * The picture in a format sharp decodes. sharp's libvips reads AVIF but not HEIC (the HEVC codec is not in its
 * build), which is what iPhones save photos as, so a HEIC photo is decoded by libheif compiled to WebAssembly, in a
 * worker thread (one to three seconds for 12 megapixels, which would stall every other chat on the main thread), and
 * becomes a JPEG with its transparency on white. Every other picture is returned as it is.
 */
export function inReadableFormat(bytes: Uint8Array): Promise<Uint8Array> {
  if (sniffImageFormat(bytes) !== 'heic') return Promise.resolve(bytes);
  // `previous` never rejects: a failed photo's error is its own request's.
  const converted = previous.then(() => heicAsJpeg(bytes));
  previous = converted.catch(() => undefined);
  return converted;
}

async function heicAsJpeg(bytes: Uint8Array): Promise<Uint8Array> {
  const outcome = await decodeInWorker(bytes);
  if (outcome.kind === 'too-many-pixels') throw tooManyPixels(outcome.width, outcome.height);
  const jpeg = await sharp(outcome.rgba, { raw: { width: outcome.width, height: outcome.height, channels: 4 } })
    .flatten({ background: POSTER_BACKGROUND })
    .jpeg({ quality: 92 })
    .toBuffer();
  return new Uint8Array(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength);
}

function decodeInWorker(bytes: Uint8Array): Promise<HeicOutcome> {
  const job: HeicJob = { bytes, maxPixels: MAX_POSTER_PIXELS };
  const worker = startWorkerModule(import.meta.url, 'heic-worker', job);
  return new Promise<HeicOutcome>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new ImageError('too-slow', `That HEIC photo took more than ${DECODE_TIMEOUT_SECONDS} s to decode, so I gave up. Send it as a JPEG.`));
    }, DECODE_TIMEOUT_SECONDS * 1000);
    worker.once('message', resolve);
    worker.once('error', (error) => reject(new ImageError('damaged', DAMAGED, error)));
    worker.once('exit', (code) => {
      clearTimeout(timer);
      reject(new ImageError('damaged', DAMAGED, new Error(`HEIC worker exited with code ${code}`)));
    });
  }).finally(() => void worker.terminate());
}
