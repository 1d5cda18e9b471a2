import { describe, expect, it } from 'vitest';
import { float16Bits } from '../../../src/ml/runtime/float16.js';

describe('float16Bits', () => {
  it.each([
    [1, 0x3c00], [-2, 0xc000], [0.1, 0x2e66], [65504, 0x7bff], [65520, 0x7c00], [-1e6, 0xfc00], [0, 0], [-0, 0x8000],
    [2 ** -14, 0x0400], [2 ** -24, 0x0001], [2 ** -26, 0], [3 * 2 ** -25, 0x0002], [Infinity, 0x7c00], [NaN, 0x7e00],
  ])('%d -> %i', (value, bits) => {
    expect(float16Bits(value)).toBe(bits);
  });

  it('rounds to nearest, ties to even', () => {
    expect(float16Bits(1 + 2 ** -11)).toBe(0x3c00);
    expect(float16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02);
    expect(float16Bits(1 + 2 ** -11 + 2 ** -20)).toBe(0x3c01);
    expect(float16Bits(2047 / 1024 + 2 ** -11)).toBe(0x4000);
  });
});
