import { heatmapOverlay, heatmapOverPicture } from './heatmap-overlay.js';
import { type DecodedPoster, decodePosterRegion } from './image.js';
import type { PosterPredictor } from './predictions.js';
import type { RecentPosters } from './recent-posters.js';
import { UserFacingError, type PosterReplyExplanation } from './reply.js';

const FORGOTTEN = "I no longer have that poster, so I can't show why: send it again (or use /poster) and press Why? on the new answer.";
const CANNOT_EXPLAIN = "This bot's poster models can't show what they looked at.";

/**
 * Heat maps of the top genre: at once when asked with the poster (the API's `?explain=1`), or later from a chat
 * answer's "Why?" button, for which the bot keeps the poster (small) under the id the button carries.
 */
export class PosterExplainer {
  constructor(
    private readonly predictor: PosterPredictor,
    private readonly recent: RecentPosters,
  ) {}

  /** Whether the models can explain themselves at all (frozen-backbone heads can). */
  get available(): boolean {
    return this.predictor.explain !== undefined;
  }

  /**
   * The heat map of a poster whose pixels were (or will be) decoded once for the models as well, over the whole
   * picture as given even when the poster was cut out of it.
   */
  async explain(bytes: Uint8Array, decoded: () => Promise<DecodedPoster>): Promise<PosterReplyExplanation | undefined> {
    if (this.predictor.explain === undefined) return undefined;
    const poster = await decoded();
    const heatmap = heatmapOverPicture(await this.predictor.explain(poster.pixels), poster);
    return { heatmap, overlayPng: await heatmapOverlay(bytes, heatmap.grid) };
  }

  /** The heat map behind a "Why?" button: the poster the bot kept for it. */
  async explainKept(posterId: string): Promise<PosterReplyExplanation> {
    const bytes = await this.recent.find(posterId);
    if (bytes === undefined) throw new UserFacingError(FORGOTTEN);
    const explanation = await this.explain(bytes, () => decodePosterRegion(bytes, this.predictor.inputSize));
    if (explanation === undefined) throw new UserFacingError(CANNOT_EXPLAIN);
    return explanation;
  }
}
