import type { EpochRecord } from './early-stopping.js';

const PANEL_WIDTH = 420;
const PANEL_HEIGHT = 240;
const MARGIN = { left: 56, right: 16, top: 32, bottom: 36 };
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `loss`, `val_loss` and `heldout_loss` share a panel; every other metric gets its own. */
function panelKey(series: string): string {
  return series.replace(/^(val|heldout)_/, '');
}

function panel(records: readonly EpochRecord[], series: readonly string[], x0: number, y0: number): string {
  const points = series.map((name) =>
    records.map((r) => [r.epoch, r[name]] as const).filter((p): p is readonly [number, number] => Number.isFinite(p[1])),
  );
  const all = points.flat();
  const [xMin, xMax] = [Math.min(...all.map((p) => p[0])), Math.max(...all.map((p) => p[0]))];
  let [yMin, yMax] = [Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[1]))];
  if (yMax === yMin) [yMin, yMax] = [yMin - 0.5, yMax + 0.5];
  const innerW = PANEL_WIDTH - MARGIN.left - MARGIN.right;
  const innerH = PANEL_HEIGHT - MARGIN.top - MARGIN.bottom;
  const sx = (x: number) => x0 + MARGIN.left + (xMax === xMin ? innerW / 2 : ((x - xMin) / (xMax - xMin)) * innerW);
  const sy = (y: number) => y0 + MARGIN.top + (1 - (y - yMin) / (yMax - yMin)) * innerH;
  const axes = [
    `<rect x="${x0 + MARGIN.left}" y="${y0 + MARGIN.top}" width="${innerW}" height="${innerH}" fill="none" stroke="#999"/>`,
    `<text x="${x0 + 4}" y="${sy(yMax) + 4}" font-size="11">${yMax.toPrecision(3)}</text>`,
    `<text x="${x0 + 4}" y="${sy(yMin)}" font-size="11">${yMin.toPrecision(3)}</text>`,
    `<text x="${sx(xMin)}" y="${y0 + PANEL_HEIGHT - 12}" font-size="11">${xMin}</text>`,
    `<text x="${sx(xMax) - 12}" y="${y0 + PANEL_HEIGHT - 12}" font-size="11">${xMax}</text>`,
    `<text x="${x0 + PANEL_WIDTH / 2 - 20}" y="${y0 + PANEL_HEIGHT - 12}" font-size="11">epoch</text>`,
  ];
  const lines = points.map((pts, i) => {
    const colour = COLOURS[i % COLOURS.length]!;
    const path = pts.map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(' ');
    const label = `<text x="${x0 + MARGIN.left + 120 * i}" y="${y0 + 20}" font-size="13" fill="${colour}">${escapeXml(series[i]!)}</text>`;
    return `<polyline points="${path}" fill="none" stroke="${colour}" stroke-width="2"/>${label}`;
  });
  return [...axes, ...lines].join('\n');
}

/** An SVG with one small chart per metric (training and validation variants drawn together) against epoch. */
export function trainingCurveSvg(records: readonly EpochRecord[]): string {
  const names = [...new Set(records.flatMap((r) => Object.keys(r)))].filter((k) => k !== 'epoch');
  const groups = new Map<string, string[]>();
  for (const name of names) groups.set(panelKey(name), [...(groups.get(panelKey(name)) ?? []), name]);
  const panels = [...groups.values()];
  const columns = Math.min(2, Math.max(panels.length, 1));
  const rows = Math.max(1, Math.ceil(panels.length / columns));
  const body = panels.map((series, i) =>
    panel(records, series, (i % columns) * PANEL_WIDTH, Math.floor(i / columns) * PANEL_HEIGHT),
  );
  const [width, height] = [columns * PANEL_WIDTH, rows * PANEL_HEIGHT];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    ...body,
    records.length === 0 ? `<text x="20" y="40" font-size="14">no epochs recorded</text>` : '',
    '</svg>',
  ].join('\n');
}
