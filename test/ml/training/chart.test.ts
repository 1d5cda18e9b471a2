import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartSvg, niceTicks, type Panel, writeChartPng } from '../../../src/ml/training/chart.js';

const LINE: Panel = {
  title: 'Precision <against> recall', xLabel: 'recall', yLabel: 'precision', x: [0, 1], y: [0, 1],
  series: [{ label: 'model & co', points: [[0, 1], [0.5, 0.8], [1, 0.3]], colour: '#111111' }, { points: [[0, 0.2], [1, 0.2]], colour: '#777777', dashed: true }],
};
const SCATTER: Panel = { xLabel: 'true', yLabel: 'predicted', legend: 'top-left', series: [{ label: 'posters', points: [[3, 4], [7, 6.5], [9, 7]], colour: '#1f77b4', style: 'dots', pointLabels: ['a', 'b', 'c'] }] };

describe('chart', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chart-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('picks round tick values inside the range', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0.37, 0.71, 4)).toEqual([0.4, 0.5, 0.6, 0.7]);
    expect(niceTicks(1, 16, 5)).toEqual([5, 10, 15]);
  });

  it('escapes text and draws a legend entry only for labelled series', () => {
    const svg = chartSvg([LINE], { columns: 1, panelWidth: 400, panelHeight: 300 });
    expect(svg).toContain('Precision &#60;against&#62; recall');
    expect(svg).toContain('model &#38; co');
    expect(svg.match(/<polyline/g)).toHaveLength(2);
  });

  it('writes a PNG of columns x panel width by rows x panel height', async () => {
    const path = join(dir, 'two.png');
    await writeChartPng(path, [LINE, SCATTER, LINE], { columns: 2, panelWidth: 300, panelHeight: 200 });
    const meta = await sharp(path).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 600, 400]);
    const { data } = await sharp(path).greyscale().raw().toBuffer({ resolveWithObject: true });
    expect(data.some((value) => value < 128)).toBe(true);
  });
});
