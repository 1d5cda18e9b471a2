import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { registerBench, type BenchResult } from './registry.js';

/** Debian's python3 has PyTorch (apt-get install python3-torch); a pyenv python3 on PATH may not. */
const PYTHON = '/usr/bin/python3';
/** The PyTorch versions of our benchmarks, kept beside the data (../shared/peers from the project folder). */
const PEERS_DIR = resolve(process.env.PEERS_DIR ?? '../shared/peers');

/** Our figure over PyTorch's, for each pair whose both sides this run measured (for rates, above 1 is faster). */
type Ratios = ReadonlyArray<readonly [ours: string, theirs: string]>;

async function whySkipped(peer: string): Promise<string | undefined> {
  if (!existsSync(peer)) return `${peer} is missing (PEERS_DIR)`;
  try {
    await promisify(execFile)(PYTHON, ['-c', 'import torch']);
    return undefined;
  } catch {
    return `${PYTHON} cannot import torch (apt-get install python3-torch)`;
  }
}

/**
 * A PyTorch peer, run after our entries in the same bench run so the ratios compare like with like on a shared,
 * noisy machine: e.g. `npm run --silent bench -- --only reference-cnn,torch-reference-cnn`.
 */
function registerTorchPeer(name: string, script: string, ratios: Ratios): void {
  const peer = join(PEERS_DIR, script);
  registerBench({
    name,
    async run({ log, earlier }) {
      const skipped = await whySkipped(peer);
      if (skipped !== undefined) return { [name.replaceAll('-', '_')]: `skipped: ${skipped}` };
      log(`${name}: ${peer}; load average ${loadavg()[0]?.toFixed(2)}`);
      const { stdout } = await promisify(execFile)(PYTHON, [peer], { maxBuffer: 1 << 20 });
      const torch = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, number>;
      const result: BenchResult = { ...torch, [`${name.replaceAll('-', '_')}_load_average_1m`]: Math.round((loadavg()[0] ?? 0) * 100) / 100 };
      for (const [ours, theirs] of ratios) {
        const [a, b] = [earlier[ours], torch[theirs]];
        if (typeof a === 'number' && typeof b === 'number') result[`${ours.replace(/_ms$/, '')}_vs_torch`] = Math.round((a / b) * 100) / 100;
      }
      return result;
    },
  });
}

registerTorchPeer('torch-reference-cnn', 'torch_reference_cnn.py', [
  ['reference_cnn_train_step_ms', 'torch_train_step_ms'],
  ['reference_cnn_train_step_data_parallel_ms', 'torch_train_step_ms'],
  ['reference_cnn_predict_batch1_ms', 'torch_predict_batch1_ms'],
  ['reference_cnn_predict_batch32_ms', 'torch_predict_batch32_ms'],
]);

/** The poster path: MobileNetV2 on both views of a poster (`poster-throughput`, `poster-explain` first). */
registerTorchPeer('torch-mobilenet', 'torch_mobilenet.py', [
  ['poster_request_p50_ms', 'torch_poster_batch1_ms'],
  ['poster_backbone_ms', 'torch_poster_batch1_ms'],
  ['poster_throughput_batch1_per_s', 'torch_posters_per_s_batch1'],
  ['poster_throughput_batched_per_s', 'torch_posters_per_s'],
]);
