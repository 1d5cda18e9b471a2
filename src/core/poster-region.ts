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
  opening: 5,
  maxAreaShare: 0.8,
  minAreaShare: 0.03,
  minFill: 0.8,
  aspect: [0.4, 1.05],
  minBackgroundOutside: 0.85,
};

/** The 4-neighbours of pixel `at` inside a `width` x `count / width` grid, -1 where the grid ends. */
function neighbours(at: number, width: number, count: number, out: Int32Array): Int32Array {
  const x = at % width;
  out[0] = x > 0 ? at - 1 : -1;
  out[1] = x < width - 1 ? at + 1 : -1;
  out[2] = at - width;
  out[3] = at + width < count ? at + width : -1;
  return out;
}

/** Largest difference over the three channels between pixels `i` and `j`. */
function colourStep(data: Uint8Array, i: number, j: number): number {
  return Math.max(Math.abs(data[i * 3]! - data[j * 3]!), Math.abs(data[i * 3 + 1]! - data[j * 3 + 1]!), Math.abs(data[i * 3 + 2]! - data[j * 3 + 2]!));
}

/** Every pixel on the picture's edge, once. */
function edgePixels(width: number, height: number): number[] {
  const edge: number[] = [];
  for (let x = 0; x < width; x++) edge.push(x, (height - 1) * width + x);
  for (let y = 1; y < height - 1; y++) edge.push(y * width, y * width + width - 1);
  return edge;
}

/** 1 where a pixel can be reached from the picture's edge through colour steps of at most `maxStep`, else 0. */
export function backgroundMask({ width, height, data }: RgbImage, maxStep: number): Uint8Array {
  const count = width * height;
  const mask = new Uint8Array(count);
  const stack = new Int32Array(count);
  let size = 0;
  for (const seed of edgePixels(width, height)) {
    mask[seed] = 1;
    stack[size++] = seed;
  }
  const around = new Int32Array(4);
  while (size > 0) {
    const at = stack[--size]!;
    neighbours(at, width, count, around);
    for (let k = 0; k < 4; k++) {
      const next = around[k]!;
      if (next < 0 || mask[next] === 1 || colourStep(data, at, next) > maxStep) continue;
      mask[next] = 1;
      stack[size++] = next;
    }
  }
  return mask;
}

/**
 * Erosion (`all`: every pixel of the `side`-long window is 1) or dilation (`any`) of a 0/1 mask along one axis,
 * with a running count; outside the picture counts as 1 for erosion and 0 for dilation.
 */
function windowPass(mask: Uint8Array, width: number, height: number, side: number, along: 'rows' | 'columns', rule: 'all' | 'any'): Uint8Array {
  const out = new Uint8Array(mask.length);
  const radius = Math.floor(side / 2);
  const window = 2 * radius + 1;
  const erode = rule === 'all';
  const outside = erode ? 1 : 0;
  // Index arithmetic inline: this runs over every pixel four times per opening, on every poster request.
  const [lines, length, lineStep, step] = along === 'rows' ? [height, width, width, 1] : [width, height, 1, width];
  for (let line = 0; line < lines; line++) {
    const base = line * lineStep;
    let ones = 0;
    for (let i = -radius; i <= radius; i++) ones += i < 0 || i >= length ? outside : mask[base + i * step]!;
    for (let i = 0; i < length; i++) {
      out[base + i * step] = erode ? (ones === window ? 1 : 0) : (ones > 0 ? 1 : 0);
      const entering = i + radius + 1;
      const leaving = i - radius;
      ones += (entering < length ? mask[base + entering * step]! : outside) - (leaving >= 0 ? mask[base + leaving * step]! : outside);
    }
  }
  return out;
}

/** Erosion then dilation by a `side` x `side` square: thin lines and specks go, solid blocks keep their shape. */
export function openMask(mask: Uint8Array, width: number, height: number, side: number): Uint8Array {
  const eroded = windowPass(windowPass(mask, width, height, side, 'rows', 'all'), width, height, side, 'columns', 'all');
  return windowPass(windowPass(eroded, width, height, side, 'rows', 'any'), width, height, side, 'columns', 'any');
}

/** A 4-connected block of 1s in a mask: its bounding box and pixel count. */
export interface Block {
  readonly region: Region;
  readonly pixels: number;
}

/** Every 4-connected block of 1s in the mask, in the order of their first pixel (top to bottom, left to right). */
export function connectedBlocks(mask: Uint8Array, width: number): Block[] {
  const seen = new Uint8Array(mask.length);
  const stack = new Int32Array(mask.length);
  const around = new Int32Array(4);
  const blocks: Block[] = [];
  for (let start = 0; start < mask.length; start++) {
    if (mask[start] !== 1 || seen[start] === 1) continue;
    let size = 0;
    stack[size++] = start;
    seen[start] = 1;
    let pixels = 0;
    let left = width;
    let top = mask.length;
    let right = 0;
    let bottom = 0;
    while (size > 0) {
      const at = stack[--size]!;
      const x = at % width;
      const y = (at - x) / width;
      pixels += 1;
      // Plain comparisons, not Math.min/max over arrays: this visits every foreground pixel of every request.
      if (x < left) left = x;
      if (x > right) right = x;
      if (y < top) top = y;
      if (y > bottom) bottom = y;
      neighbours(at, width, mask.length, around);
      for (let k = 0; k < 4; k++) {
        const next = around[k]!;
        if (next < 0 || mask[next] !== 1 || seen[next] === 1) continue;
        seen[next] = 1;
        stack[size++] = next;
      }
    }
    blocks.push({ pixels, region: { left, top, width: right - left + 1, height: bottom - top + 1 } });
  }
  return blocks;
}

/** The largest 4-connected block of 1s. */
export const largestBlock = (mask: Uint8Array, width: number): Block | undefined =>
  connectedBlocks(mask, width).reduce<Block | undefined>((best, block) => (best === undefined || block.pixels > best.pixels ? block : best), undefined);

/** Share of the pixels outside `regions` (which do not overlap) that are background. */
export function backgroundShareOutside(background: Uint8Array, width: number, ...regions: readonly Region[]): number {
  let inside = 0;
  let insidePixels = 0;
  for (const region of regions) {
    insidePixels += region.width * region.height;
    for (let y = region.top; y < region.top + region.height; y++) {
      for (let x = region.left; x < region.left + region.width; x++) inside += background[y * width + x]!;
    }
  }
  const outside = background.length - insidePixels;
  return outside === 0 ? 0 : (background.reduce((sum, b) => sum + b, 0) - inside) / outside;
}

/**
 * The poster's region in `image` (in its pixels) when the picture clearly shows a poster inside a background,
 * else undefined (the picture is read whole).
 */
export function findPosterRegion(image: RgbImage, rules: RegionRules = REGION_RULES): Region | undefined {
  const { width, height } = image;
  const background = backgroundMask(image, rules.backgroundStep);
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
