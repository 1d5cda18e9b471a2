/**
 * An ONNX graph under construction (opset 13, float32), serialised with the field numbers of onnx.proto:
 * ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto and ValueInfoProto.
 */
import { MessageWriter } from './protobuf-writer.js';

const ONNX_OPSET = 13;
const IR_VERSION = 7;
const FLOAT = 1;
const INT64 = 7;
const ATTRIBUTE_INT = 2;
const ATTRIBUTE_STRING = 3;
const ATTRIBUTE_INTS = 7;

export type Attribute = number | string | readonly number[];

function attribute(name: string, value: Attribute): MessageWriter {
  const writer = new MessageWriter().string(1, name);
  if (typeof value === 'number') return writer.int(3, value).int(20, ATTRIBUTE_INT);
  if (typeof value === 'string') return writer.string(4, value).int(20, ATTRIBUTE_STRING);
  return writer.packedInts(8, value).int(20, ATTRIBUTE_INTS);
}

function valueInfo(name: string, dims: ReadonlyArray<number | string>): MessageWriter {
  const shape = new MessageWriter();
  for (const dim of dims) shape.message(1, typeof dim === 'number' ? new MessageWriter().int(1, dim) : new MessageWriter().string(2, dim));
  const tensorType = new MessageWriter().int(1, FLOAT).message(2, shape);
  return new MessageWriter().string(1, name).message(2, new MessageWriter().message(1, tensorType));
}

export class OnnxGraph {
  private readonly nodes: MessageWriter[] = [];
  private readonly initializers: MessageWriter[] = [];
  private readonly inputs: MessageWriter[] = [];
  private readonly outputs: MessageWriter[] = [];
  private count = 0;

  /** A fresh value name with a readable stem. */
  name(stem: string): string {
    return `${stem.replace(/[^\w/.-]/g, '_')}:${this.count++}`;
  }

  input(name: string, dims: ReadonlyArray<number | string>): void {
    this.inputs.push(valueInfo(name, dims));
  }

  output(name: string, dims: ReadonlyArray<number | string>): void {
    this.outputs.push(valueInfo(name, dims));
  }

  /** A float32 constant; returns its value name. */
  floats(stem: string, values: Float32Array, dims: readonly number[]): string {
    const name = this.name(stem);
    const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    const tensor = new MessageWriter();
    for (const dim of dims) tensor.int(1, dim);
    this.initializers.push(tensor.int(2, FLOAT).string(8, name).bytes(9, bytes));
    return name;
  }

  /** An int64 constant (shapes, for Reshape); returns its value name. */
  int64s(stem: string, values: readonly number[]): string {
    const name = this.name(stem);
    const data = new BigInt64Array(values.map((v) => BigInt(v)));
    const tensor = new MessageWriter().int(1, values.length).int(2, INT64).string(8, name);
    this.initializers.push(tensor.bytes(9, new Uint8Array(data.buffer)));
    return name;
  }

  /** Adds one node and returns its (single) output's name, `exactName` or a fresh one from `stem`. */
  node(opType: string, inputs: readonly string[], attributes: Readonly<Record<string, Attribute>> = {}, stem = opType, exactName?: string): string {
    const output = exactName ?? this.name(stem);
    const node = new MessageWriter();
    for (const input of inputs) node.string(1, input);
    node.string(2, output).string(3, output).string(4, opType);
    for (const [key, value] of Object.entries(attributes)) node.message(5, attribute(key, value));
    this.nodes.push(node);
    return output;
  }

  /** The serialised ModelProto, ready for an ONNX runtime. */
  serialise(producer: string): Uint8Array {
    const graph = new MessageWriter();
    for (const node of this.nodes) graph.message(1, node);
    graph.string(2, producer);
    for (const initializer of this.initializers) graph.message(5, initializer);
    for (const input of this.inputs) graph.message(11, input);
    for (const output of this.outputs) graph.message(12, output);
    return new MessageWriter()
      .int(1, IR_VERSION)
      .string(2, producer)
      .message(7, graph)
      .message(8, new MessageWriter().string(1, '').int(2, ONNX_OPSET))
      .finish();
  }
}
