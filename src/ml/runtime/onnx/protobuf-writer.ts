/**
 * Just enough of the protobuf wire format to write an ONNX model: varints and length-delimited fields. Messages
 * are built bottom-up as byte arrays, so no schema compiler or protobuf package is needed.
 */

const VARINT = 0;
const LENGTH_DELIMITED = 2;

const encoder = new TextEncoder();

function varint(value: number): number[] {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`protobuf varint must be a safe non-negative integer, got ${value}`);
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return bytes;
}

/** One message's fields in the order they are added. */
export class MessageWriter {
  private readonly parts: Uint8Array[] = [];
  private length = 0;

  private push(bytes: Uint8Array | number[]): this {
    const part = bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes);
    this.parts.push(part);
    this.length += part.length;
    return this;
  }

  private tag(field: number, wireType: number): this {
    return this.push(varint(field * 8 + wireType));
  }

  /** int32, int64 and enum fields with non-negative values. */
  int(field: number, value: number): this {
    return this.tag(field, VARINT).push(varint(value));
  }

  bytes(field: number, value: Uint8Array): this {
    return this.tag(field, LENGTH_DELIMITED).push(varint(value.length)).push(value);
  }

  string(field: number, value: string): this {
    return this.bytes(field, encoder.encode(value));
  }

  message(field: number, value: MessageWriter): this {
    return this.bytes(field, value.finish());
  }

  /** A packed repeated int64 field. */
  packedInts(field: number, values: readonly number[]): this {
    return this.bytes(field, Uint8Array.from(values.flatMap(varint)));
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const part of this.parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }
}
