import type { BackboneConfig } from './backbone.js';
import type { FeatureBlock, FeatureTap } from './features.js';
import { DEFAULT_HEAD, type HeadHyperparams } from './head.js';
import type { PosterTask } from './task.js';

/** One configuration compared by cross-validation: which pooled backbone blocks feed which head. */
export interface HeadCandidate {
  readonly name: string;
  /** Names like `out_relu/avg`; `all` keeps every tap. */
  readonly blocks: 'all' | readonly string[];
  readonly head: HeadHyperparams;
}

const LINEAR = { ...DEFAULT_HEAD, hidden: 0, dropout: 0, inputDropout: 0, l2: 1e-3, learningRate: 1e-3 };

/** The search `--search` runs: the logistic-probe reference first, then what should beat it. */
export function searchCandidates(task: PosterTask): HeadCandidate[] {
  const mlp = { ...DEFAULT_HEAD, hidden: 256 };
  return [
    { name: 'linear, last layer avg', blocks: ['out_relu/avg'], head: LINEAR },
    { name: 'linear, all taps', blocks: 'all', head: LINEAR },
    { name: 'mlp256, all taps, flip-aug', blocks: 'all', head: mlp },
    { name: 'mlp256, all taps, view-mean', blocks: 'all', head: { ...mlp, trainViews: 'mean' } },
    { name: 'mlp256, all taps, strong dropout', blocks: 'all', head: { ...mlp, inputDropout: 0.5, dropout: 0.5 } },
    ...(task === 'genre'
      ? [{ name: 'mlp256, all taps, sqrt class weights', blocks: 'all' as const, head: { ...mlp, classWeighting: 'sqrt' as const } }]
      : []),
  ];
}

/** Column ranges of the chosen blocks, in table order. */
export function selectedBlocks(all: readonly FeatureBlock[], blocks: HeadCandidate['blocks']): FeatureBlock[] {
  if (blocks === 'all') return [...all];
  const unknown = blocks.filter((name) => !all.some((block) => block.name === name));
  if (unknown.length > 0) throw new Error(`Unknown feature blocks: ${unknown.join(', ')}`);
  return all.filter((block) => blocks.includes(block.name));
}

/** The backbone config that computes exactly the chosen blocks, in the same column order, at serving time. */
export function servingBackbone(config: BackboneConfig, blocks: readonly FeatureBlock[]): BackboneConfig {
  const taps: FeatureTap[] = [];
  for (const tap of config.taps) {
    const pools = tap.pools.filter((pool) => blocks.some((block) => block.name === `${tap.layer}/${pool}`));
    if (pools.length > 0) taps.push({ layer: tap.layer, pools });
  }
  return { ...config, taps };
}
