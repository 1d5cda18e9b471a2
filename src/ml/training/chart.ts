/**
 * Small charts as SVG, rendered to PNG by sharp (already a dependency): line charts and scatters with axes, ticks,
 * axis labels and a legend, enough for training curves and evaluation plots without a plotting library.
 */
import sharp from 'sharp';

export type Point = readonly [number, number];

export interface Series {
  /** Shown in the legend when given. */
  readonly label?: string;
  readonly points: readonly Point[];
  readonly colour: string;
  /** Line width in pixels (2); dot radius for `dots`. */
  readonly width?: number;
  readonly opacity?: number;
  readonly dashed?: boolean;
  /** `line` (default), `dots` (scatter, no line) or `markers` (line with a dot at each point). */
  readonly style?: 'line' | 'dots' | 'markers';
  /** Text written beside each point (e.g. the count of a calibration bin). */
  readonly pointLabels?: readonly string[];
}

export type LegendPlace = 'top' | 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';

export interface Panel {
  readonly title?: string;
  readonly xLabel: string;
  readonly yLabel?: string;
  /** Axis ranges; the data's own range when left out. */
  readonly x?: Point;
  readonly y?: Point;
  readonly series: readonly Series[];
  readonly legend?: LegendPlace;
}

export interface ChartLayout {
  readonly columns: number;
  readonly panelWidth: number;
  readonly panelHeight: number;
}

/** Tableau's ten colours: distinguishable, and readable on white. */
export const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
const MARGIN = { left: 62, right: 16, top: 34, bottom: 42 };
const LEGEND_ROW = 16;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** About `count` round tick values (steps of 1, 2 or 5 times a power of ten) inside [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  const rough = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? rough;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step - 1e-9) * step; t <= max + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

function dataRange(values: readonly number[], given: Point | undefined): Point {
  if (given) return given;
  const finite = values.filter(Number.isFinite);
  const [min, max] = finite.length === 0 ? [0, 1] : [Math.min(...finite), Math.max(...finite)];
  return min === max ? [min - 0.5, max + 0.5] : [min, max];
}

interface Frame {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  readonly sx: (x: number) => number;
  readonly sy: (y: number) => number;
}

function frameOf(panel: Panel, x0: number, y0: number, layout: ChartLayout): { frame: Frame; xRange: Point; yRange: Point } {
  const xRange = dataRange(panel.series.flatMap((s) => s.points.map((p) => p[0])), panel.x);
  const yRange = dataRange(panel.series.flatMap((s) => s.points.map((p) => p[1])), panel.y);
  const [left, top] = [x0 + MARGIN.left, y0 + MARGIN.top];
  const width = layout.panelWidth - MARGIN.left - MARGIN.right;
  const height = layout.panelHeight - MARGIN.top - MARGIN.bottom;
  const sx = (x: number) => left + ((x - xRange[0]) / (xRange[1] - xRange[0])) * width;
  const sy = (y: number) => top + (1 - (y - yRange[0]) / (yRange[1] - yRange[0])) * height;
  return { frame: { left, top, width, height, sx, sy }, xRange, yRange };
}

const tickText = (value: number): string => String(Number(value.toPrecision(3)));

function axesSvg(panel: Panel, frame: Frame, xRange: Point, yRange: Point): string[] {
  const { left, top, width, height, sx, sy } = frame;
  const xTicks = niceTicks(xRange[0], xRange[1], Math.max(2, Math.round(width / 70)));
  const yTicks = niceTicks(yRange[0], yRange[1], Math.max(2, Math.round(height / 45)));
  return [
    ...xTicks.map((t) => `<line x1="${sx(t)}" y1="${top}" x2="${sx(t)}" y2="${top + height}" stroke="#eee"/><text x="${sx(t)}" y="${top + height + 14}" font-size="11" text-anchor="middle">${tickText(t)}</text>`),
    ...yTicks.map((t) => `<line x1="${left}" y1="${sy(t)}" x2="${left + width}" y2="${sy(t)}" stroke="#eee"/><text x="${left - 5}" y="${sy(t) + 4}" font-size="11" text-anchor="end">${tickText(t)}</text>`),
    `<rect x="${left}" y="${top}" width="${width}" height="${height}" fill="none" stroke="#999"/>`,
    `<text x="${left + width / 2}" y="${top + height + 32}" font-size="12" text-anchor="middle">${escapeXml(panel.xLabel)}</text>`,
    panel.yLabel === undefined ? '' : `<text transform="translate(${left - 44} ${top + height / 2}) rotate(-90)" font-size="12" text-anchor="middle">${escapeXml(panel.yLabel)}</text>`,
  ];
}

function strokeOf(series: Series): string {
  return `stroke="${series.colour}" stroke-width="${series.width ?? 2}" stroke-opacity="${series.opacity ?? 1}"${series.dashed ? ' stroke-dasharray="6 4"' : ''}`;
}

function seriesSvg(series: Series, frame: Frame): string {
  const xy = series.points.filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1])).map(([x, y]) => [frame.sx(x), frame.sy(y)] as const);
  const dots = (radius: number) => xy.map(([x, y]) => `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${radius}" fill="${series.colour}" fill-opacity="${series.opacity ?? 1}"/>`);
  const parts = series.style === 'dots' ? dots(series.width ?? 2) : [`<polyline points="${xy.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ')}" fill="none" ${strokeOf(series)}/>`];
  if (series.style === 'markers') parts.push(...dots(3.5));
  (series.pointLabels ?? []).forEach((text, i) => {
    // Neighbours' labels on opposite sides (above, below), flipped where the frame ends; left of the point near
    // the right edge.
    if (!xy[i]) return;
    const [x, y] = xy[i];
    const below = y < frame.top + 16 || (i % 2 === 0 && y < frame.top + frame.height - 16);
    const left = x > frame.left + frame.width * 0.85;
    parts.push(`<text x="${x + (left ? -6 : 6)}" y="${y + (below ? 14 : -7)}"${left ? ' text-anchor="end"' : ''} font-size="10" fill="${series.colour}" stroke="white" stroke-width="3" paint-order="stroke">${escapeXml(text)}</text>`);
  });
  return parts.join('');
}

function legendSvg(panel: Panel, frame: Frame, y0: number): string {
  const entries = panel.series.filter((s) => s.label !== undefined);
  if (entries.length === 0) return '';
  const sample = (s: Series, x: number, y: number) => s.style === 'dots'
    ? `<circle cx="${x + 9}" cy="${y - 4}" r="3" fill="${s.colour}"/>`
    : `<line x1="${x}" y1="${y - 4}" x2="${x + 18}" y2="${y - 4}" ${strokeOf({ ...s, opacity: 1, width: Math.min(s.width ?? 2, 3) })}/>`;
  const text = (s: Series, x: number, y: number) => `${sample(s, x, y)}<text x="${x + 23}" y="${y}" font-size="11">${escapeXml(s.label!)}</text>`;
  const place = panel.legend ?? 'top-right';
  if (place === 'top') {
    const starts = entries.map((_, i) => entries.slice(0, i).reduce((x, s) => x + 34 + s.label!.length * 6.5, frame.left));
    return entries.map((s, i) => text(s, starts[i]!, y0 + 20)).join('');
  }
  const boxWidth = 34 + Math.max(...entries.map((s) => s.label!.length)) * 6.3;
  const boxHeight = entries.length * LEGEND_ROW + 8;
  const left = place.endsWith('left') ? frame.left + 6 : frame.left + frame.width - boxWidth - 6;
  const top = place.startsWith('top') ? frame.top + 6 : frame.top + frame.height - boxHeight - 6;
  return [`<rect x="${left}" y="${top}" width="${boxWidth}" height="${boxHeight}" fill="white" fill-opacity="0.85" stroke="#ccc"/>`,
    ...entries.map((s, i) => text(s, left + 6, top + 4 + LEGEND_ROW * (i + 1) - 3))].join('');
}

function panelSvg(panel: Panel, x0: number, y0: number, layout: ChartLayout): string {
  const { frame, xRange, yRange } = frameOf(panel, x0, y0, layout);
  const title = panel.title === undefined || panel.legend === 'top' ? '' : `<text x="${frame.left}" y="${y0 + 20}" font-size="14" font-weight="bold">${escapeXml(panel.title)}</text>`;
  const clip = `clip-${Math.round(x0)}-${Math.round(y0)}`;
  return [
    `<clipPath id="${clip}"><rect x="${frame.left}" y="${frame.top}" width="${frame.width}" height="${frame.height}"/></clipPath>`,
    title,
    ...axesSvg(panel, frame, xRange, yRange),
    `<g clip-path="url(#${clip})">${panel.series.map((s) => seriesSvg(s, frame)).join('\n')}</g>`,
    legendSvg(panel, frame, y0),
  ].join('\n');
}

/** Panels laid out in a grid, `layout.columns` wide, on a white background. */
export function chartSvg(panels: readonly Panel[], layout: ChartLayout): string {
  const columns = Math.max(1, Math.min(layout.columns, panels.length));
  const rows = Math.max(1, Math.ceil(panels.length / columns));
  const [width, height] = [columns * layout.panelWidth, rows * layout.panelHeight];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    ...panels.map((panel, i) => panelSvg(panel, (i % columns) * layout.panelWidth, Math.floor(i / columns) * layout.panelHeight, layout)),
    '</svg>',
  ].join('\n');
}

export async function writeChartPng(path: string, panels: readonly Panel[], layout: ChartLayout): Promise<void> {
  await sharp(Buffer.from(chartSvg(panels, layout))).png({ palette: true }).toFile(path);
}
