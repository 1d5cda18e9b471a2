import type { BackboneConfig } from '../../serving/poster/backbone.js';
import type { FeatureBlock, FeatureTap } from '../../serving/poster/features.js';
import { DEFAULT_HEAD, type HeadHyperparams } from './head.js';
import type { PosterTask } from './task.js';

/** One configuration compared by cross-validation: which pooled backbone blocks feed which head. */
export interface HeadCandidate {
  readonly name: string;
  /** `all` taps, only the average pools (`avg`), or block names like `out_relu/avg`. */
  readonly blocks: 'all' | 'avg' | readonly string[];
  readonly head: HeadHyperparams;
}

const LINEAR: HeadHyperparams = { ...DEFAULT_HEAD, hidden: 0, dropout: 0, inputDropout: 0, l2: 1e-3, learningRate: 1e-3 };

/**
 * The search `--search` runs: the logistic-probe reference (last layer, average pool), MLP heads on the
 * average pools of every tap or on all pools, class weighting (genre), and a three-seed ensemble. Sized to run in
 * about ten minutes per task on two cores once the features are cached.
 */
export function searchCandidates(task: PosterTask): HeadCandidate[] {
  const mlp = DEFAULT_HEAD;
  const weighted = task === 'genre' ? { ...mlp, classWeighting: 'sqrt' as const } : mlp;
  return [
    { name: 'linear, out_relu avg', blocks: ['out_relu/avg'], head: LINEAR },
    { name: `mlp${mlp.hidden}, avg taps`, blocks: 'avg', head: mlp },
    { name: `mlp${mlp.hidden}, all taps`, blocks: 'all', head: mlp },
    ...(task === 'genre' ? [{ name: `mlp${mlp.hidden}, avg taps, sqrt class weights`, blocks: 'avg' as const, head: weighted }] : []),
    { name: `3 x mlp${mlp.hidden}, avg taps${task === 'genre' ? ', sqrt class weights' : ''}`, blocks: 'avg', head: { ...weighted, ensemble: 3 } },
  ];
}

/** Column ranges of the chosen blocks, in table order. */
export function selectedBlocks(all: readonly FeatureBlock[], blocks: HeadCandidate['blocks']): FeatureBlock[] {
  if (blocks === 'all') return [...all];
  if (blocks === 'avg') return all.filter((block) => block.name.endsWith('/avg'));
  const unknown = blocks.filter((name) => !all.some((block) => block.name === name));
  if (unknown.length > 0) throw new Error(`Unknown feature blocks: ${unknown.join(', ')}`);
  return all.filter((block) => blocks.includes(block.name));
}

/**
 * The taps of `config` that some candidate reads, so a run over average pools only extracts (and caches) half the
 * columns, under the same cache key as the served model's backbone (`package` included) and its other caches.
 */
export function extractedBackbone<C extends BackboneConfig>(config: C, candidates: readonly HeadCandidate[]): C {
  return keepBlocks(config, (name) => candidates.some(({ blocks }) =>
    blocks === 'all' || (blocks === 'avg' ? name.endsWith('/avg') : blocks.includes(name))));
}

/** The backbone config that computes exactly the chosen blocks, in the same column order, at serving time. */
export function servingBackbone<C extends BackboneConfig>(config: C, blocks: readonly FeatureBlock[]): C {
  return keepBlocks(config, (name) => blocks.some((block) => block.name === name));
}

function keepBlocks<C extends BackboneConfig>(config: C, keep: (block: string) => boolean): C {
  const taps: FeatureTap[] = config.taps
    .map((tap) => ({ layer: tap.layer, pools: tap.pools.filter((pool) => keep(`${tap.layer}/${pool}`)) }))
    .filter((tap) => tap.pools.length > 0);
  return { ...config, taps };
}
