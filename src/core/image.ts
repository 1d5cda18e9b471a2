import sharp from 'sharp';

/**
 * Decodes poster bytes to RGB pixels (size x size x 3, row-major), the one preprocessing that training and
 * serving share. The whole poster is squashed to a square rather than cropped, so no title text is lost.
 */
export async function decodePoster(bytes: Uint8Array, size: number): Promise<Uint8Array> {
  const { data } = await sharp(bytes, { pages: 1, limitInputPixels: 50_000_000 })
    .rotate()
    .toColourspace('srgb')
    .removeAlpha()
    .resize(size, size, { fit: 'fill' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
