import { performance } from 'node:perf_hooks';
import { type ThreadSplit, threadCpuMs, threadSplit } from './thread-cpu.js';

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] as number : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export interface Timing {
  /** Median wall-clock time, ms. */
  wallMs: number;
  /** Median CPU time of this process (all its threads), ms: less sensitive than wall time to other load. */
  cpuMs: number;
  /** Median CPU time of the main thread and of the busiest other one (see `threadSplit`); NaN off Linux. */
  threads: ThreadSplit;
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

/** Runs `fn` `warmup` times untimed, then `runs` times; returns median wall and CPU time to 0.1 ms. */
export async function measure(fn: () => Promise<unknown>, runs: number, warmup = 1): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const walls: number[] = [];
  const cpus: number[] = [];
  const splits: ThreadSplit[] = [];
  for (let i = 0; i < runs; i++) {
    const threadsBefore = threadCpuMs();
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    await fn();
    walls.push(performance.now() - start);
    const cpu = process.cpuUsage(cpuStart);
    cpus.push((cpu.user + cpu.system) / 1000);
    const threadsAfter = threadCpuMs();
    splits.push(threadsBefore && threadsAfter ? threadSplit(threadsBefore, threadsAfter) : { mainMs: Number.NaN, busiestOtherMs: Number.NaN });
  }
  const threads = { mainMs: median(splits.map((s) => s.mainMs)), busiestOtherMs: median(splits.map((s) => s.busiestOtherMs)) };
  return { wallMs: round(median(walls)), cpuMs: round(median(cpus)), threads };
}
