import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { earlyStopping } from '../../../src/ml/training/early-stopping.js';
import { progressBar } from '../../../src/ml/training/progress-bar.js';
import { writeTrainingReport } from '../../../src/ml/training/training-report.js';

function tinyModel(): tf.Sequential {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
  return model;
}

describe('training utilities', () => {
  let dir: string;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    dir = await mkdtemp(join(tmpdir(), 'training-utils-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('stops after `patience` epochs without improvement and restores the best weights', async () => {
    const model = tinyModel();
    const x = tf.randomNormal([16, 2]);
    const y = tf.randomNormal([16, 1]);
    // A scripted metric: best at epoch 2, then worse, so training stops at epoch 4 with epoch-2 weights.
    const script = [0.5, 0.9, 0.7, 0.6, 0.95];
    const snapshots: number[][] = [];
    const stopper = earlyStopping({
      name: 'val_score',
      mode: 'max',
      patience: 2,
      evaluate: (m) => {
        snapshots.push(Array.from(m.getWeights()[0]!.dataSync()));
        return script[snapshots.length - 1]!;
      },
    });
    const sink = new Writable({ write: (_chunk, _enc, done) => done() });
    await model.fit(x, y, { epochs: 5, batchSize: 8, verbose: 0, callbacks: [stopper, progressBar({ epochs: 5, batchesPerEpoch: 2, stream: sink })] });
    expect(stopper.history.map((r) => r.epoch)).toEqual([1, 2, 3, 4]);
    expect(stopper.best).toEqual({ epoch: 2, value: 0.9 });
    expect(Array.from(model.getWeights()[0]!.dataSync())).toEqual(snapshots[1]);
    expect(stopper.history[0]).toHaveProperty('loss');
    tf.dispose([x, y]);
    model.dispose();
  });

  it('prints a progress bar and one line per epoch with the logs', async () => {
    let text = '';
    const sink = new Writable({ write: (chunk, _enc, done) => { text += String(chunk); done(); } });
    const bar = progressBar({ epochs: 2, batchesPerEpoch: 4, stream: sink, width: 8 });
    await bar.onEpochBegin(0);
    await bar.onBatchEnd(1, { loss: 0.5 });
    await bar.onEpochEnd(0, { loss: 0.25, val_mae: 1.5 });
    expect(text).toContain('epoch 1/2 [####....] 2/4 loss 0.5000');
    expect(text).toMatch(/epoch 1\/2 [\d.]+s {2}loss 0\.2500 {2}val_mae 1\.5000/);
  });

  it('writes metrics.json and a PNG training curve', async () => {
    const history = [{ epoch: 1, loss: 1, val_loss: 1.2, val_mAP: 0.1 }, { epoch: 2, loss: 0.8, val_loss: 1.1, val_mAP: 0.2 }];
    const paths = await writeTrainingReport(join(dir, 'out'), { history, metrics: { mAP: 0.2 }, note: 'x' });
    expect(JSON.parse(await readFile(paths.metrics, 'utf8'))).toMatchObject({ metrics: { mAP: 0.2 }, note: 'x' });
    const meta = await sharp(paths.curve).metadata();
    expect(meta.format).toBe('png');
    expect(meta.width).toBeGreaterThan(100);
  });
});
