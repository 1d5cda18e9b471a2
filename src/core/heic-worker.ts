import { parentPort, workerData } from 'node:worker_threads';
import decodeHeic from 'heic-decode';
import type { HeicJob, HeicOutcome } from './heic.js';

const { bytes, maxPixels } = workerData as HeicJob;
const images = await decodeHeic.all({ buffer: bytes });
try {
  // heic-decode throws for a file without images, so there is a first: the photo (a phone's depth map and thumbnail
  // are not top-level images).
  const first = images[0]!;
  // Known from the header: a crafted file cannot make the decoder allocate more than any real photo needs.
  const outcome: HeicOutcome = first.width * first.height > maxPixels
    ? { kind: 'too-many-pixels', width: first.width, height: first.height }
    : await first.decode().then(({ width, height, data }) => ({ kind: 'pixels', width, height, rgba: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) }));
  parentPort?.postMessage(outcome, outcome.kind === 'pixels' ? [outcome.rgba.buffer] : []);
} finally {
  images.dispose();
}
