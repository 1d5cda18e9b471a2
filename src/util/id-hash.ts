import { createHash } from 'node:crypto';

/** A stable number in [0, 1) from an id and a salt: the same id lands in the same place on every machine and run. */
export function idFraction(id: string, salt: string): number {
  return createHash('sha256').update(`${salt}:${id}`).digest().readUInt32BE(0) / 0x1_0000_0000;
}
