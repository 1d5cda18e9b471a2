import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type sharp from 'sharp';

/** Debian's libheif-examples encodes the HEIC fixtures: nothing in npm writes HEIC. */
export const heicEncoderInstalled = spawnSync('heif-enc', ['--help']).error === undefined;

/** A describe title that says why its tests were skipped. */
export const needingHeicEncoder = (title: string): string =>
  heicEncoderInstalled ? title : `${title} (SKIPPED: heif-enc is missing; apt-get install -y libheif-examples)`;

/** The picture as a HEIC photo, as an iPhone saves it. */
export async function heic(image: sharp.Sharp): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'moviebot-heic-'));
  try {
    await writeFile(join(dir, 'in.png'), await image.png().toBuffer());
    const encoded = spawnSync('heif-enc', ['-q', '90', join(dir, 'in.png'), '-o', join(dir, 'out.heic')], { encoding: 'utf8' });
    if (encoded.status !== 0) throw new Error(`heif-enc failed: ${encoded.stderr}`);
    return await readFile(join(dir, 'out.heic'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
