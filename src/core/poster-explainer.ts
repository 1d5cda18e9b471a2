import type { Keyv } from 'keyv';
import type { Logger } from '../logger.js';
import { errorFields } from '../util/error-message.js';
import type { Requester } from './command.js';
import { heatmapOverlay, heatmapOverPicture } from './heatmap-overlay.js';
import { type DecodedPoster, decodePosterRegion } from './image.js';
import type { PosterPredictor } from './predictions.js';
import { RecentPosters } from './recent-posters.js';
import { UserFacingError, type PosterReplyExplanation } from './reply.js';

const FORGOTTEN = "I no longer have that poster, so I can't show why: send it again (or use /poster) and press Why? on the new answer.";
const CANNOT_EXPLAIN = "This bot's poster models can't show what they looked at.";

/**
 * Heat maps of the top genre: at once when asked with the poster (the API's `?explain=1`), or later from a chat
 * answer's "Why?" button, for which the poster is kept (small) under the id the button carries.
 */
export class PosterExplainer {
  private readonly recent: RecentPosters;

  constructor(
    private readonly predictor: PosterPredictor,
    store: Keyv,
    private readonly logger: Logger,
  ) {
    this.recent = new RecentPosters(store);
  }

  /** Whether the models can explain themselves at all (frozen-backbone heads can). */
  get available(): boolean {
    return this.predictor.explain !== undefined;
  }

  /**
   * Keeps a chat answer's poster for a later "Why?"; returns the id the button carries, or undefined (no button)
   * when nothing can be explained or kept. The local page and API ask with `?explain=1` instead.
   */
  async keepForLater(imageSha256: string, bytes: Uint8Array, requester: Requester): Promise<string | undefined> {
    if (!this.available || requester.platform === 'local') return undefined;
    try {
      await this.recent.keep(imageSha256, bytes);
      return imageSha256;
    } catch (error) {
      this.logger.warn({ err: errorFields(error) }, 'could not keep the poster: no Why? button on this answer');
      return undefined;
    }
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

  /** The heat map behind a "Why?" button: the poster kept by {@link keepForLater}. */
  async explainKept(posterId: string): Promise<PosterReplyExplanation> {
    const bytes = await this.recent.find(posterId);
    if (bytes === undefined) throw new UserFacingError(FORGOTTEN);
    const explanation = await this.explain(bytes, () => decodePosterRegion(bytes, this.predictor.inputSize));
    if (explanation === undefined) throw new UserFacingError(CANNOT_EXPLAIN);
    return explanation;
  }
}
