/**
 * Named benchmark entries. Each entry file registers itself; `src/bench/entries.ts` imports them, one line each.
 *
 * @example
 * registerBench({ name: 'bot-burst', run: async ({ log }) => ({ bot_burst_p95_ms: 12.5 }) });
 */

export type BenchResult = Record<string, number | string>;

export interface BenchContext {
  /** Progress and diagnostics; goes to stderr so stdout carries only the JSON result. */
  readonly log: (msg: string) => void;
  /** Also log a per-kernel time profile, when the entry can produce one. */
  readonly profile: boolean;
  /** TensorFlow.js backend chosen at start-up (gpu, node, wasm or cpu). */
  readonly backend: string;
  /** Figures of the entries that ran before this one in the same run (for ratios against a peer). */
  readonly earlier: Readonly<BenchResult>;
}

export interface BenchEntry {
  readonly name: string;
  run(context: BenchContext): Promise<BenchResult>;
}

const entries = new Map<string, BenchEntry>();

export function registerBench(entry: BenchEntry): void {
  if (!/^[a-z0-9-]+$/.test(entry.name)) throw new Error(`Bench entry name "${entry.name}" must be kebab-case`);
  if (entries.has(entry.name)) throw new Error(`Bench entry "${entry.name}" is registered twice`);
  entries.set(entry.name, entry);
}

export function benchEntries(): readonly BenchEntry[] {
  return [...entries.values()];
}
