import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/ml/runtime/backend.js';
import { HUB_SCOPE, loadNsfwjsWideMobileNet, readBundledModel } from '../../../src/ml/serving/poster/mobilenet-source.js';

const HUB = `${HUB_SCOPE}MobilenetV2/`;

describe('the width-1.4 MobileNetV2 rebuilt from nsfwjs\'s mid graph model', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('gives the graph model\'s activations at every tap, with keras layer names', async () => {
    const { modelJson, weightSpecs, weightData } = await readBundledModel('mobilenet_v2_mid');
    const graph = await tf.loadGraphModel(tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs, weightData }));
    const before = tf.memory().numTensors;
    const layers = await loadNsfwjsWideMobileNet(224);
    // Only the layers' own weights stay: the decoded graph weights and the input step's values are disposed.
    expect(tf.memory().numTensors - before).toBe(layers.weights.length);
    const pairs = [['expanded_conv_3/expand/Relu6', 'block_3_expand_relu'], ['expanded_conv_6/expand/Relu6', 'block_6_expand_relu'], ['expanded_conv_14/add', 'block_14_add'], ['Conv_1/Relu6', 'out_relu']] as const;
    const x = tf.randomUniform([1, 224, 224, 3], 0, 1, 'float32', 3);
    const expected = graph.execute(x, pairs.map(([node]) => HUB + node)) as tf.Tensor[];
    const taps = tf.model({ inputs: layers.inputs, outputs: pairs.map(([, layer]) => layers.getLayer(layer).output as tf.SymbolicTensor) });
    const actual = taps.predict(x) as tf.Tensor[];
    pairs.forEach((_, i) => {
      expect(actual[i]!.shape).toEqual(expected[i]!.shape);
      expect(tf.max(tf.abs(tf.sub(actual[i]!, expected[i]!))).dataSync()[0]).toBeLessThan(1e-3);
    });
    expect(layers.outputs[0]!.shape).toEqual([null, 7, 7, 1792]);
    tf.dispose([x, ...expected, ...actual]);
    graph.dispose();
    layers.dispose();
  }, 60_000);
});
