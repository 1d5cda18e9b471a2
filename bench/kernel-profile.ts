import * as tf from '@tensorflow/tfjs';

export interface KernelTotal {
  kernel: string;
  calls: number;
  ms: number;
}

/** Runs `fn` under tf.profile and sums kernel time per kernel name, slowest first. */
export async function profileKernels(fn: () => Promise<unknown>): Promise<KernelTotal[]> {
  const info = await tf.profile(async () => {
    await fn();
  });
  const totals = new Map<string, KernelTotal>();
  for (const kernel of info.kernels) {
    // Fused ops also show up as a '*__op' wrapper around their kernel; counting both would double the time.
    if (kernel.name.endsWith('__op')) continue;
    const total = totals.get(kernel.name) ?? { kernel: kernel.name, calls: 0, ms: 0 };
    total.calls += 1;
    total.ms += typeof kernel.kernelTimeMs === 'number' ? kernel.kernelTimeMs : 0;
    totals.set(kernel.name, total);
  }
  return [...totals.values()]
    .map((total) => ({ ...total, ms: Math.round(total.ms * 10) / 10 }))
    .sort((a, b) => b.ms - a.ms);
}

export function formatProfile(totals: readonly KernelTotal[]): string {
  const sum = totals.reduce((acc, total) => acc + total.ms, 0);
  const lines = totals.map((t) => `${t.kernel.padEnd(28)} ${String(t.calls).padStart(5)} calls ${t.ms.toFixed(1).padStart(9)} ms`);
  return [...lines, `${'total'.padEnd(40)} ${sum.toFixed(1).padStart(9)} ms`].join('\n');
}
