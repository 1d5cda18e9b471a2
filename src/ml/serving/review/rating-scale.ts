/**
 * The review model's output unit: the 1-10 rating mapped onto [-1, 1], so a zero-initialised output starts at the
 * middle of the scale and the loss works on a well-scaled number. Training and serving both convert through here.
 */
const RATING_MIN = 1;
const RATING_MAX = 10;
const RATING_CENTRE = (RATING_MIN + RATING_MAX) / 2;
const RATING_HALF_RANGE = (RATING_MAX - RATING_MIN) / 2;

export function ratingToTarget(rating: number): number {
  return (rating - RATING_CENTRE) / RATING_HALF_RANGE;
}

/** The model's output on the rating scale before clipping: still tells "very bad" from "bad" beyond 1 or 10. */
export function targetToUnclippedRating(target: number): number {
  return RATING_CENTRE + target * RATING_HALF_RANGE;
}

export function targetToRating(target: number): number {
  const rating = targetToUnclippedRating(target);
  return Number.isFinite(rating) ? Math.min(RATING_MAX, Math.max(RATING_MIN, rating)) : RATING_CENTRE;
}
