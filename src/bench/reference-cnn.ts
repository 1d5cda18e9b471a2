import * as tf from '@tensorflow/tfjs';
import { formatProfile, profileKernels } from './kernel-profile.js';
import { registerBench } from './registry.js';
import { loadavg } from 'node:os';
import { measure, type Timing } from './timing.js';

const INPUT_SHAPE = [128, 128, 3];
const LABELS = 25;
const BATCH = 32;
const TRAIN_STEPS = 5;
const PREDICT_RUNS = 10;

/** The fixed network: three conv + ReLU, batch norm, max pool blocks, then dense 128 and 25 sigmoids. */
export function buildReferenceCnn(): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: INPUT_SHAPE, filters: 16, kernelSize: 3, padding: 'valid', activation: 'relu' }));
  model.add(tf.layers.batchNormalization());
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  for (const filters of [32, 64]) {
    model.add(tf.layers.conv2d({ filters, kernelSize: 3, activation: 'relu' }));
    model.add(tf.layers.batchNormalization());
    model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  }
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 128, activation: 'relu' }));
  model.add(tf.layers.dense({ units: LABELS, activation: 'sigmoid' }));
  model.compile({ optimizer: tf.train.adam(), loss: 'binaryCrossentropy' });
  return model;
}

async function timePredict(model: tf.LayersModel, input: tf.Tensor, runs: number): Promise<Timing> {
  return measure(async () => {
    const output = model.predict(input) as tf.Tensor;
    await output.data();
    output.dispose();
  }, runs);
}

registerBench({
  name: 'reference-cnn',
  async run({ log, profile, backend }) {
    const model = buildReferenceCnn();
    const x = tf.randomUniform([BATCH, ...INPUT_SHAPE], 0, 1, 'float32', 1);
    const y = tf.randomUniform([BATCH, LABELS], 0, 1, 'float32', 2).round();
    const single = tf.slice(x, 0, 1);
    const step = () => model.trainOnBatch(x, y);

    log(`reference-cnn: ${TRAIN_STEPS} training steps at batch ${BATCH} after a warm-up; load average ${loadavg()[0]?.toFixed(2)}`);
    const train = await measure(step, TRAIN_STEPS);
    if (profile) log(`reference-cnn training step kernels:\n${formatProfile(await profileKernels(step))}`);
    const predict32 = await timePredict(model, x, PREDICT_RUNS);
    const predict1 = await timePredict(model, single, PREDICT_RUNS * 3);
    if (profile) {
      const predictOnce = async () => (model.predict(single) as tf.Tensor).data();
      log(`reference-cnn batch-1 predict kernels:\n${formatProfile(await profileKernels(predictOnce))}`);
    }
    tf.dispose([x, y, single]);
    model.dispose();
    return {
      reference_cnn_train_step_ms: train.wallMs,
      reference_cnn_predict_batch32_ms: predict32.wallMs,
      reference_cnn_predict_batch1_ms: predict1.wallMs,
      backend,
      reference_cnn_train_step_cpu_ms: train.cpuMs,
      reference_cnn_predict_batch32_cpu_ms: predict32.cpuMs,
      reference_cnn_predict_batch1_cpu_ms: predict1.cpuMs,
      reference_cnn_load_average_1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    };
  },
});
