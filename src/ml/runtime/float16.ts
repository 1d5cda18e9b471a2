/**
 * Float32 weights as IEEE half precision, the `float16` quantization TensorFlow.js decodes when it loads a model
 * (tfjs-core `io_utils` `decodeWeight`); used to halve the size of the poster heads in `models/`.
 */
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** Rounds `bits` right by `shift` to the nearest value, ties to even. */
function roundShift(bits: number, shift: number): number {
  const kept = bits >>> shift;
  const rest = bits & ((1 << shift) - 1);
  const half = 1 << (shift - 1);
  return rest > half || (rest === half && (kept & 1) === 1) ? kept + 1 : kept;
}

/** The half-precision bits of `value`: rounded to nearest, ties to even; beyond 65504 infinity; NaN stays NaN. */
export function float16Bits(value: number): number {
  f32[0] = value;
  const bits = u32[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  const mantissa = bits & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa === 0 ? 0 : 0x200);
  const halfExponent = exponent - 127 + 15;
  if (halfExponent >= 0x1f) return sign | 0x7c00;
  if (halfExponent <= 0) {
    if (halfExponent < -10) return sign;
    return sign | roundShift(mantissa | 0x800000, 14 - halfExponent);
  }
  // A carry out of the mantissa raises the exponent, which is the right rounding (up to infinity).
  return sign | roundShift((halfExponent << 23) | mantissa, 13);
}

/** `values` as half-precision bits, two bytes each. */
export function toFloat16(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = float16Bits(values[i]!);
  return out;
}
