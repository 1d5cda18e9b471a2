/** A raw RGBA image, row-major, 4 bytes a pixel (what sharp's `.ensureAlpha().raw()` gives). */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

export type Point = readonly [number, number];

/**
 * The 3x3 homography (row-major, h[8] = 1) taking the four `from` corners to the four `to` corners, by solving
 * the usual 8x8 linear system with Gaussian elimination.
 */
export function homography(from: readonly Point[], to: readonly Point[]): number[] {
  const rows: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i]!;
    const [u, v] = to[i]!;
    rows.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    rows.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let col = 0; col < 8; col++) {
    const pivot = rows.slice(col).reduce((best, row, i) => (Math.abs(row[col]!) > Math.abs(rows[best]![col]!) ? col + i : best), col);
    [rows[col], rows[pivot]] = [rows[pivot]!, rows[col]!];
    for (let r = 0; r < 8; r++) {
      if (r === col) continue;
      const factor = rows[r]![col]! / rows[col]![col]!;
      for (let c = col; c < 9; c++) rows[r]![c]! -= factor * rows[col]![c]!;
    }
  }
  return [...rows.map((row, i) => row[8]! / row[i]!), 1];
}

/**
 * Draws `source` onto a new transparent `width` x `height` canvas so that its corners (top-left, top-right,
 * bottom-right, bottom-left) land on `corners`: a poster photographed at an angle. Bilinear sampling.
 */
export function warpPerspective(source: RgbaImage, corners: readonly Point[], width: number, height: number): RgbaImage {
  const { width: sw, height: sh, data: src } = source;
  // Map each output pixel back into the source: the homography from the output corners to the source corners.
  const h = homography(corners, [[0, 0], [sw - 1, 0], [sw - 1, sh - 1], [0, sh - 1]]);
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const w = h[6]! * x + h[7]! * y + h[8]!;
      const sx = (h[0]! * x + h[1]! * y + h[2]!) / w;
      const sy = (h[3]! * x + h[4]! * y + h[5]!) / w;
      if (sx < 0 || sy < 0 || sx > sw - 1 || sy > sh - 1) continue;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const x1 = Math.min(x0 + 1, sw - 1);
      const y1 = Math.min(y0 + 1, sh - 1);
      const fx = sx - x0;
      const fy = sy - y0;
      for (let c = 0; c < 4; c++) {
        const top = src[(y0 * sw + x0) * 4 + c]! * (1 - fx) + src[(y0 * sw + x1) * 4 + c]! * fx;
        const bottom = src[(y1 * sw + x0) * 4 + c]! * (1 - fx) + src[(y1 * sw + x1) * 4 + c]! * fx;
        out[(y * width + x) * 4 + c] = Math.round(top * (1 - fy) + bottom * fy);
      }
    }
  }
  return { width, height, data: out };
}
