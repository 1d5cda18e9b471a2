/**
 * Finds a poster inside a bigger picture (a phone photo of it on a wall, a screenshot of the page around it, a
 * transparent margin shown on white) so the models read the poster, not the table or the page. Classical and
 * cheap: the background is whatever can be reached from the picture's edge without crossing a sharp colour step
 * (walls, pages, header bars and glare are smooth); what is left is the poster, text lines and other small islands,
 * which an opening removes. A clean poster, a crop of one, or anything not clearly a solid rectangle inside a
 * background is left whole.
 */

/** A region of a picture, in pixels. */
export interface Region {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** An RGB image, row-major, 3 bytes a pixel. */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** The thresholds a found region must pass before the picture is cropped to it. */
export interface RegionRules {
  /** Largest colour step (max over channels) between neighbouring background pixels of the analysis image. */
  readonly backgroundStep: number;
  /** How far the background may drift from the colour of the edge pixel it was reached from... */
  readonly backgroundDrift: number;
  /** ... whose reference follows the path this fast (0: never, 1: at once). */
  readonly backgroundFollow: number;
  /** Side of the square opening that erases text lines and grain before the poster is picked. */
  readonly opening: number;
  /** Crop only when the poster fills less than this share of the picture: a clean poster stays as it is. */
  readonly maxAreaShare: number;
  /** ... and more than this (a small island is a logo or a thumbnail, not the poster). */
  readonly minAreaShare: number;
  /** The poster must be a solid block: its pixels over its bounding box. */
  readonly minFill: number;
  /** Width over height of a poster, loosely (posters are portrait; a photo of one adds perspective). */
  readonly aspect: readonly [number, number];
  /** Share of the pixels outside the region that must be background. */
  readonly minBackgroundOutside: number;
}

export const REGION_RULES: RegionRules = {
  backgroundStep: 5,
  backgroundDrift: 40,
  backgroundFollow: 0.2,
  opening: 5,
  maxAreaShare: 0.8,
  minAreaShare: 0.03,
  minFill: 0.8,
  aspect: [0.4, 1.05],
  minBackgroundOutside: 0.85,
};

const distance = (a: ArrayLike<number>, i: number, b: ArrayLike<number>, j: number): number =>
  Math.max(Math.abs(a[i * 3]! - b[j * 3]!), Math.abs(a[i * 3 + 1]! - b[j * 3 + 1]!), Math.abs(a[i * 3 + 2]! - b[j * 3 + 2]!));

/**
 * 1 where a pixel can be reached from the picture's edge through small colour steps, else 0. Each reached pixel
 * also carries a slowly updated reference colour of the path that reached it, so a long ramp of small steps (a
 * blurred poster edge) stops where it drifts `maxDrift` away, while glare and shading, far gentler, do not.
 */
export function backgroundMask({ width, height, data }: RgbImage, maxStep: number, maxDrift: number, follow: number): Uint8Array {
  const mask = new Uint8Array(width * height);
  const reference = new Float32Array(data.length);
  const stack: number[] = [];
  for (let x = 0; x < width; x++) stack.push(x, (height - 1) * width + x);
  for (let y = 1; y < height - 1; y++) stack.push(y * width, y * width + width - 1);
  for (const seed of stack) {
    mask[seed] = 1;
    for (let c = 0; c < 3; c++) reference[seed * 3 + c] = data[seed * 3 + c]!;
  }
  while (stack.length > 0) {
    const at = stack.pop()!;
    const x = at % width;
    for (const next of [x > 0 ? at - 1 : -1, x < width - 1 ? at + 1 : -1, at - width, at + width]) {
      if (next < 0 || next >= mask.length || mask[next] === 1) continue;
      if (distance(data, at, data, next) > maxStep || distance(reference, at, data, next) > maxDrift) continue;
      mask[next] = 1;
      for (let c = 0; c < 3; c++) reference[next * 3 + c] = reference[at * 3 + c]! + follow * (data[next * 3 + c]! - reference[at * 3 + c]!);
      stack.push(next);
    }
  }
  return mask;
}

/** Min (erode) or max (dilate) of a 0/1 mask over a `side` x `side` square, done as two 1-d passes. */
function squareFilter(mask: Uint8Array, width: number, height: number, side: number, keep: 'min' | 'max'): Uint8Array {
  const radius = Math.floor(side / 2);
  const pick = keep === 'min' ? Math.min : Math.max;
  const outside = keep === 'min' ? 1 : 0;
  const pass = (source: Uint8Array, dx: number, dy: number): Uint8Array => {
    const out = new Uint8Array(source.length);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let value = source[y * width + x]!;
        for (let k = -radius; k <= radius; k++) {
          const sx = x + k * dx;
          const sy = y + k * dy;
          value = pick(value, sx < 0 || sy < 0 || sx >= width || sy >= height ? outside : source[sy * width + sx]!);
        }
        out[y * width + x] = value;
      }
    }
    return out;
  };
  return pass(pass(mask, 1, 0), 0, 1);
}

/** Erosion then dilation: thin lines and specks go, solid blocks keep their shape. */
export function openMask(mask: Uint8Array, width: number, height: number, side: number): Uint8Array {
  return squareFilter(squareFilter(mask, width, height, side, 'min'), width, height, side, 'max');
}

/** The largest 4-connected block of 1s: its bounding box and pixel count. */
export function largestBlock(mask: Uint8Array, width: number): { region: Region; pixels: number } | undefined {
  const seen = new Uint8Array(mask.length);
  let best: { region: Region; pixels: number } | undefined;
  for (let start = 0; start < mask.length; start++) {
    if (mask[start] !== 1 || seen[start] === 1) continue;
    const stack = [start];
    seen[start] = 1;
    let [pixels, left, top, right, bottom] = [0, width, Infinity, 0, 0];
    while (stack.length > 0) {
      const at = stack.pop()!;
      const [x, y] = [at % width, Math.floor(at / width)];
      pixels += 1;
      [left, right, top, bottom] = [Math.min(left, x), Math.max(right, x), Math.min(top, y), Math.max(bottom, y)];
      for (const next of [x > 0 ? at - 1 : -1, x < width - 1 ? at + 1 : -1, at - width, at + width]) {
        if (next < 0 || next >= mask.length || mask[next] !== 1 || seen[next] === 1) continue;
        seen[next] = 1;
        stack.push(next);
      }
    }
    if (best === undefined || pixels > best.pixels) {
      best = { pixels, region: { left, top, width: right - left + 1, height: bottom - top + 1 } };
    }
  }
  return best;
}

function backgroundShareOutside(background: Uint8Array, width: number, region: Region): number {
  let outside = 0;
  let reached = 0;
  for (let at = 0; at < background.length; at++) {
    const [x, y] = [at % width, Math.floor(at / width)];
    if (x >= region.left && x < region.left + region.width && y >= region.top && y < region.top + region.height) continue;
    outside += 1;
    reached += background[at]!;
  }
  return outside === 0 ? 0 : reached / outside;
}

/**
 * The poster's region in `image` (in its pixels) when the picture clearly shows a poster inside a background,
 * else undefined (the picture is read whole).
 */
export function findPosterRegion(image: RgbImage, rules: RegionRules = REGION_RULES): Region | undefined {
  const { width, height } = image;
  const background = backgroundMask(image, rules.backgroundStep, rules.backgroundDrift, rules.backgroundFollow);
  const foreground = openMask(background.map((b) => 1 - b), width, height, rules.opening);
  const block = largestBlock(foreground, width);
  if (block === undefined) return undefined;
  const { region, pixels } = block;
  const areaShare = (region.width * region.height) / (width * height);
  const aspect = region.width / region.height;
  const passes = areaShare < rules.maxAreaShare && areaShare > rules.minAreaShare
    && pixels / (region.width * region.height) >= rules.minFill
    && aspect >= rules.aspect[0] && aspect <= rules.aspect[1]
    && backgroundShareOutside(background, width, region) >= rules.minBackgroundOutside;
  return passes ? region : undefined;
}
