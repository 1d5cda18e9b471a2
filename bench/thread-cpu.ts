import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports thread CPU time in clock ticks; USER_HZ is 100 on every mainstream kernel build. */
const MS_PER_TICK = 10;

/** CPU time (user + system, ms) of each thread of this process by thread id, or undefined off Linux. */
export function threadCpuMs(): Map<string, number> | undefined {
  try {
    const threads = readdirSync('/proc/self/task');
    return new Map(threads.map((tid) => {
      // Fields after the parenthesised command name: state is field 3, utime 14 and stime 15.
      const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return [tid, (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK];
    }));
  } catch {
    return undefined;
  }
}

export interface ThreadSplit {
  /** CPU time of this (the main) thread, ms. */
  readonly mainMs: number;
  /** CPU time of the busiest other thread (a worker, or a GC helper), ms. */
  readonly busiestOtherMs: number;
}

/**
 * Where a step's CPU time went between two `threadCpuMs` readings. On a shared machine with autogroup scheduling a
 * process gets the same CPU share however many threads it runs, so wall time cannot show a parallel speed-up; the
 * split can: on idle cores a step whose main thread waits for its workers takes about main + busiest other.
 */
export function threadSplit(before: Map<string, number>, after: Map<string, number>): ThreadSplit {
  const main = String(process.pid);
  let busiestOtherMs = 0;
  for (const [tid, ms] of after) {
    if (tid !== main) busiestOtherMs = Math.max(busiestOtherMs, ms - (before.get(tid) ?? 0));
  }
  return { mainMs: (after.get(main) ?? 0) - (before.get(main) ?? 0), busiestOtherMs };
}
