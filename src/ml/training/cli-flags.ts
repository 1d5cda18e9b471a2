/** Typed reading of `node:util` parseArgs string flags, with a message naming the flag when a value is bad. */
export type ParsedFlags = Record<string, string | boolean | undefined>;

export function numberFlag(values: ParsedFlags, name: string, fallback: number, check: (n: number) => boolean, what: string): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(value) || !check(value)) {
    throw new Error(`--${name} must be ${what} (got "${String(raw)}")`);
  }
  return value;
}

export function choiceFlag<T extends string>(values: ParsedFlags, name: string, fallback: T, allowed: readonly T[]): T {
  const raw = values[name];
  if (raw === undefined) return fallback;
  if (!allowed.includes(raw as T)) throw new Error(`--${name} must be one of ${allowed.join(', ')} (got "${String(raw)}")`);
  return raw as T;
}

export const isPositiveInteger = (n: number): boolean => Number.isInteger(n) && n > 0;
