import sharp from 'sharp';
import { inReadableFormat } from '../src/core/heic.js';
import { heic, heicEncoderInstalled } from '../test/helpers/heic.js';
import { type BenchResult, registerBench } from './registry.js';
import { measure } from './timing.js';

const RUNS = 5;
/** An iPhone's 12-megapixel photo. */
const [WIDTH, HEIGHT] = [4032, 3024];

/**
 * A phone photo's HEIC made a JPEG (heic.ts: libheif in WebAssembly, in a worker thread started per photo), beside
 * sharp decoding the same picture as a JPEG; and the process's resident memory at its peak while converting.
 */
registerBench({
  name: 'heic-decode',
  async run({ log }): Promise<BenchResult> {
    if (!heicEncoderInstalled) return { heic_decode: 'skipped: heif-enc is missing (apt-get install libheif-examples)' };
    // Noise, not a flat colour: HEVC would make a flat picture trivially cheap to decode.
    const picture = sharp({ create: { width: WIDTH, height: HEIGHT, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } });
    const [photo, jpeg] = await Promise.all([heic(picture.clone()), picture.clone().jpeg({ quality: 90 }).toBuffer()]);
    log(`heic-decode: ${WIDTH} x ${HEIGHT}, HEIC ${(photo.length / 1e6).toFixed(1)} MB, JPEG ${(jpeg.length / 1e6).toFixed(1)} MB`);
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const before = process.memoryUsage().rss;
    const converted = await measure(() => inReadableFormat(photo), RUNS);
    clearInterval(sampler);
    const decodedJpeg = await measure(() => sharp(jpeg).raw().toBuffer(), RUNS);
    return {
      heic_12mp_to_jpeg_p50_ms: Math.round(converted.wallMs),
      jpeg_12mp_decode_p50_ms: Math.round(decodedJpeg.wallMs),
      heic_12mp_peak_rss_added_mib: Math.round((peak - before) / 2 ** 20),
    };
  },
});
