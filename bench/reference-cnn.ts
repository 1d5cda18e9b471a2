import { availableParallelism, loadavg } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { compileForInference } from '../src/ml/runtime/graph-compiler/compile.js';
import { type DataParallelOptions, DataParallelTrainer } from '../src/ml/training/data-parallel/trainer.js';
import { buildReferenceCnn, REFERENCE_INPUT_SHAPE, REFERENCE_LABELS } from '../test/helpers/reference-cnn.js';
import { formatProfile, profileKernels } from './kernel-profile.js';
import { registerBench } from './registry.js';
import { measure, type Timing } from './timing.js';

const BATCH = 32;
const TRAIN_STEPS = 5;
const PREDICT_RUNS = 10;

type Predict = (input: tf.Tensor) => tf.Tensor;

async function timePredict(predict: Predict, input: tf.Tensor, runs: number): Promise<Timing> {
  return measure(async () => {
    const output = predict(input);
    await output.data();
    output.dispose();
  }, runs);
}

/** Steps of the data-parallel trainer (worker start-up not timed). */
async function timeDataParallel(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor, options: DataParallelOptions): Promise<Timing> {
  const trainer = await DataParallelTrainer.start(model, options);
  try {
    return await measure(() => trainer.step(x, y), TRAIN_STEPS);
  } finally {
    await trainer.close();
  }
}

registerBench({
  name: 'reference-cnn',
  async run({ log, profile, backend }) {
    const model = buildReferenceCnn();
    const x = tf.randomUniform([BATCH, ...REFERENCE_INPUT_SHAPE], 0, 1, 'float32', 1);
    const y = tf.randomUniform([BATCH, REFERENCE_LABELS], 0, 1, 'float32', 2).round();
    const single = tf.slice(x, 0, 1);
    const step = () => model.trainOnBatch(x, y);

    log(`reference-cnn: ${TRAIN_STEPS} training steps at batch ${BATCH} after a warm-up; load average ${loadavg()[0]?.toFixed(2)}`);
    const train = await measure(step, TRAIN_STEPS);
    if (profile) log(`reference-cnn training step kernels:\n${formatProfile(await profileKernels(step))}`);
    log(`reference-cnn: data-parallel steps, ${availableParallelism()} workers, then 1 worker + this thread; load average ${loadavg()[0]?.toFixed(2)}`);
    const dataParallel = await timeDataParallel(model, x, y, {});
    const mainShard = await timeDataParallel(model, x, y, { workers: 1, computeOnMain: true });
    const plain: Predict = (input) => model.predict(input) as tf.Tensor;
    const compiled = compileForInference(model);
    if (!compiled.compiled) log(`reference-cnn: compiled predict falls back to model.predict: ${compiled.fallbackReason}`);
    const plain32 = await timePredict(plain, x, PREDICT_RUNS);
    const plain1 = await timePredict(plain, single, PREDICT_RUNS * 3);
    const compiled32 = await timePredict(compiled, x, PREDICT_RUNS);
    const compiled1 = await timePredict(compiled, single, PREDICT_RUNS * 3);
    if (profile) {
      for (const [name, predict] of [['model.predict', plain], ['compiled', compiled]] as const) {
        const predictOnce = async () => predict(single).data();
        log(`reference-cnn batch-1 ${name} kernels:\n${formatProfile(await profileKernels(predictOnce))}`);
      }
    }
    compiled.dispose();
    tf.dispose([x, y, single]);
    model.dispose();
    return {
      reference_cnn_train_step_ms: train.wallMs,
      reference_cnn_train_step_data_parallel_ms: dataParallel.wallMs,
      reference_cnn_train_step_data_parallel_main_shard_ms: mainShard.wallMs,
      reference_cnn_data_parallel_workers: availableParallelism(),
      // The unsuffixed predict figures are the path the bot uses: compiled unless the compiler fell back.
      reference_cnn_predict_batch32_ms: compiled32.wallMs,
      reference_cnn_predict_batch1_ms: compiled1.wallMs,
      backend,
      reference_cnn_predict_path: compiled.compiled ? 'compiled' : 'model.predict',
      reference_cnn_train_step_cpu_ms: train.cpuMs,
      reference_cnn_train_step_data_parallel_cpu_ms: dataParallel.cpuMs,
      reference_cnn_train_step_data_parallel_main_shard_cpu_ms: mainShard.cpuMs,
      // Idle-core estimates from thread CPU times (see bench/thread-cpu.ts): wall time on this shared machine cannot
      // show a parallel gain. One thread: its CPU time. A coordinating main thread waits for its workers: main +
      // busiest worker. A main thread computing a shard works beside its worker: the longer of the two.
      reference_cnn_train_step_idle_estimate_ms: train.threads.mainMs,
      reference_cnn_train_step_data_parallel_idle_estimate_ms: dataParallel.threads.mainMs + dataParallel.threads.busiestOtherMs,
      reference_cnn_train_step_data_parallel_main_shard_idle_estimate_ms: Math.max(mainShard.threads.mainMs, mainShard.threads.busiestOtherMs),
      reference_cnn_train_step_data_parallel_main_thread_cpu_ms: dataParallel.threads.mainMs,
      reference_cnn_predict_batch32_cpu_ms: compiled32.cpuMs,
      reference_cnn_predict_batch1_cpu_ms: compiled1.cpuMs,
      reference_cnn_model_predict_batch32_ms: plain32.wallMs,
      reference_cnn_model_predict_batch32_cpu_ms: plain32.cpuMs,
      reference_cnn_model_predict_batch1_ms: plain1.wallMs,
      reference_cnn_model_predict_batch1_cpu_ms: plain1.cpuMs,
      reference_cnn_load_average_1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    };
  },
});
