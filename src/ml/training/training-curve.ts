import type { EpochRecord } from './early-stopping.js';
import { type ChartLayout, chartSvg, PALETTE, type Panel } from './chart.js';

const TRAINING_CURVE_LAYOUT: ChartLayout = { columns: 2, panelWidth: 420, panelHeight: 240 };

/** `loss`, `val_loss` and `heldout_loss` share a panel; every other metric gets its own. */
function panelKey(series: string): string {
  return series.replace(/^(val|heldout)_/, '');
}

function panel(records: readonly EpochRecord[], series: readonly string[]): Panel {
  return {
    xLabel: 'epoch',
    legend: 'top',
    series: series.map((name, i) => ({
      label: name,
      colour: PALETTE[i % PALETTE.length]!,
      points: records.map((r) => [r.epoch, r[name]] as const).filter((p): p is readonly [number, number] => Number.isFinite(p[1])),
    })),
  };
}

/** An SVG with one small chart per metric (training and validation variants drawn together) against epoch. */
export function trainingCurveSvg(records: readonly EpochRecord[]): string {
  const names = [...new Set(records.flatMap((r) => Object.keys(r)))].filter((k) => k !== 'epoch');
  const groups = new Map<string, string[]>();
  for (const name of names) groups.set(panelKey(name), [...(groups.get(panelKey(name)) ?? []), name]);
  const panels = [...groups.values()].map((series) => panel(records, series));
  if (panels.length === 0) return chartSvg([{ title: 'no epochs recorded', xLabel: 'epoch', series: [] }], TRAINING_CURVE_LAYOUT);
  return chartSvg(panels, TRAINING_CURVE_LAYOUT);
}
