import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { BackendUnavailableError, initBackend } from '../../../src/ml/runtime/backend.js';

/** On machines where the native packages did install, the fallback tests do not apply. */
const nativeInstalled = ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'].some((name) => {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
});

describe('initBackend', () => {
  it.skipIf(nativeInstalled)('falls back to wasm when the native packages are not installed, and logs the choice', async () => {
    const lines: string[] = [];
    const backend = await initBackend(undefined, (msg) => lines.push(msg));
    expect(backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(lines.at(-1)).toMatch(/backend: wasm/);
  });

  it.skipIf(nativeInstalled)('throws a clear error when a forced native backend cannot load', async () => {
    await expect(initBackend('node')).rejects.toThrow(BackendUnavailableError);
    await expect(initBackend('gpu')).rejects.toThrow(/"gpu" was requested .*tfjs-node-gpu/);
  });

  it('switches to cpu when asked', async () => {
    expect(await initBackend('cpu')).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });

  it('rejects an unknown backend name', async () => {
    await expect(initBackend('tpu' as 'cpu')).rejects.toThrow(/expected one of gpu, node, wasm, cpu/);
  });

  it('trains a convolution on wasm, which needs the registered filter gradient', async () => {
    await initBackend('wasm');
    const model = tf.sequential({
      layers: [tf.layers.conv2d({ inputShape: [6, 6, 1], filters: 2, kernelSize: 3 }), tf.layers.flatten()],
    });
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const history = await model.fit(tf.ones([2, 6, 6, 1]), tf.zeros([2, 32]), { epochs: 1, verbose: 0 });
    expect(Number.isFinite(history.history.loss?.[0] as number)).toBe(true);
  });
});
