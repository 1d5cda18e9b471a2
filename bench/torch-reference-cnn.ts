import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { promisify } from 'node:util';
import { registerBench, type BenchResult } from './registry.js';

/** Debian's python3 has PyTorch (apt-get install python3-torch); a pyenv python3 on PATH may not. */
const PYTHON = '/usr/bin/python3';
const PEER = '/work/shared/peers/torch_reference_cnn.py';

/** Our figure over PyTorch's, for each pair whose both sides this run measured. */
const RATIOS: ReadonlyArray<readonly [string, string]> = [
  ['reference_cnn_train_step_ms', 'torch_train_step_ms'],
  ['reference_cnn_train_step_data_parallel_ms', 'torch_train_step_ms'],
  ['reference_cnn_predict_batch1_ms', 'torch_predict_batch1_ms'],
  ['reference_cnn_predict_batch32_ms', 'torch_predict_batch32_ms'],
];

async function whySkipped(): Promise<string | undefined> {
  if (!existsSync(PEER)) return `${PEER} is missing`;
  try {
    await promisify(execFile)(PYTHON, ['-c', 'import torch']);
    return undefined;
  } catch {
    return `${PYTHON} cannot import torch (apt-get install python3-torch)`;
  }
}

/**
 * The PyTorch peer of the reference CNN, run after our entries in the same bench run so the ratios compare like
 * with like on a shared, noisy machine: `npm run --silent bench -- --only reference-cnn,torch-reference-cnn`.
 */
registerBench({
  name: 'torch-reference-cnn',
  async run({ log, earlier }) {
    const skipped = await whySkipped();
    if (skipped !== undefined) return { torch_reference_cnn: `skipped: ${skipped}` };
    log(`torch-reference-cnn: ${PEER}; load average ${loadavg()[0]?.toFixed(2)}`);
    const { stdout } = await promisify(execFile)(PYTHON, [PEER], { maxBuffer: 1 << 20 });
    const torch = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, number>;
    const result: BenchResult = { ...torch, torch_load_average_1m: Math.round((loadavg()[0] ?? 0) * 100) / 100 };
    for (const [ours, theirs] of RATIOS) {
      const [a, b] = [earlier[ours], torch[theirs]];
      if (typeof a === 'number' && typeof b === 'number') result[`${ours.replace(/_ms$/, '')}_vs_torch`] = Math.round((a / b) * 100) / 100;
    }
    return result;
  },
});
