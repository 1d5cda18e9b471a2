import { idFraction } from '../util/id-hash.js';

/**
 * Deterministic train/validation membership from the id alone: the same poster or review lands on the same side
 * on every machine and every run, whatever the file order, and adding data never moves an old item.
 */
export function isValidation(id: string, validationFraction: number, seed = 'moviebot'): boolean {
  return idFraction(id, seed) < validationFraction;
}

export function splitByHash<T>(
  items: readonly T[],
  idOf: (item: T) => string,
  validationFraction: number,
  seed?: string,
): { train: T[]; validation: T[] } {
  const train: T[] = [];
  const validation: T[] = [];
  for (const item of items) (isValidation(idOf(item), validationFraction, seed) ? validation : train).push(item);
  return { train, validation };
}
