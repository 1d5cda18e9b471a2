/**
 * Evaluation metrics that a constant guess cannot win: ranking metrics for the multi-label genre model, absolute
 * error for ratings. Plain arrays in, numbers out, so training, evaluation and tests share one implementation.
 */

export type ScoreMatrix = ReadonlyArray<ArrayLike<number>>;

function assertSameLength(a: ArrayLike<unknown>, b: ArrayLike<unknown>, what: string): void {
  if (a.length !== b.length) throw new Error(`${what}: ${a.length} predictions but ${b.length} targets`);
  if (a.length === 0) throw new Error(`${what}: no examples`);
}

function column(rows: ScoreMatrix, index: number): number[] {
  return rows.map((row) => row[index] ?? Number.NaN);
}

/** The mean of `values`, 0 when there are none. */
export const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

/** The middle of `values` (the upper one of an even count), NaN when there are none. */
export const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** Average precision of one label: the mean of precision@k over the ranks k of the positives (sklearn's definition). */
export function averagePrecision(scores: readonly number[], positives: readonly boolean[]): number {
  assertSameLength(scores, positives, 'averagePrecision');
  const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  const totalPositives = positives.filter(Boolean).length;
  if (totalPositives === 0) return Number.NaN;
  let hits = 0;
  let sum = 0;
  let i = 0;
  while (i < order.length) {
    // Tied scores form one threshold, as in sklearn, so the result does not depend on sort stability.
    let j = i;
    let tiedHits = 0;
    while (j < order.length && scores[order[j]!] === scores[order[i]!]) tiedHits += positives[order[j++]!] ? 1 : 0;
    hits += tiedHits;
    sum += (tiedHits / totalPositives) * (hits / j);
    i = j;
  }
  return sum;
}

/** Area under the ROC curve of one label via the rank-sum statistic, ties counted as half. */
export function rocAuc(scores: readonly number[], positives: readonly boolean[]): number {
  assertSameLength(scores, positives, 'rocAuc');
  const order = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  const ranks = new Array<number>(scores.length);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j < order.length && scores[order[j]!] === scores[order[i]!]) j++;
    for (let k = i; k < j; k++) ranks[order[k]!] = (i + j + 1) / 2;
    i = j;
  }
  let positiveCount = 0;
  let rankSum = 0;
  positives.forEach((isPositive, index) => {
    if (!isPositive) return;
    positiveCount++;
    rankSum += ranks[index]!;
  });
  const negativeCount = scores.length - positiveCount;
  if (positiveCount === 0 || negativeCount === 0) return Number.NaN;
  return (rankSum - (positiveCount * (positiveCount + 1)) / 2) / (positiveCount * negativeCount);
}

function macroAverage(
  scores: ScoreMatrix,
  labels: ScoreMatrix,
  metric: (s: number[], p: boolean[]) => number,
  what: string,
): number {
  assertSameLength(scores, labels, what);
  const width = labels[0]!.length;
  const values: number[] = [];
  for (let c = 0; c < width; c++) {
    const value = metric(column(scores, c), column(labels, c).map((v) => v > 0.5));
    if (!Number.isNaN(value)) values.push(value);
  }
  if (values.length === 0) throw new Error(`${what}: no label has both positive and negative examples`);
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Mean over labels (those with at least one positive) of each label's average precision. */
export function meanAveragePrecision(scores: ScoreMatrix, labels: ScoreMatrix): number {
  return macroAverage(scores, labels, averagePrecision, 'meanAveragePrecision');
}

/** Mean over labels (those with both classes present) of each label's ROC-AUC. */
export function macroRocAuc(scores: ScoreMatrix, labels: ScoreMatrix): number {
  return macroAverage(scores, labels, rocAuc, 'macroRocAuc');
}

/** Fraction of each example's k highest-scored labels that are true, averaged over examples. */
export function topKPrecision(scores: ScoreMatrix, labels: ScoreMatrix, k = 3): number {
  assertSameLength(scores, labels, 'topKPrecision');
  let total = 0;
  scores.forEach((row, r) => {
    const indices = Array.from({ length: row.length }, (_, i) => i).sort((a, b) => row[b]! - row[a]!);
    const hits = indices.slice(0, k).filter((i) => labels[r]![i]! > 0.5).length;
    total += hits / k;
  });
  return total / scores.length;
}

export function meanAbsoluteError(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  assertSameLength(predicted, actual, 'meanAbsoluteError');
  let sum = 0;
  for (let i = 0; i < predicted.length; i++) sum += Math.abs(predicted[i]! - actual[i]!);
  return sum / predicted.length;
}

/** Share of examples on the same side of `threshold` as their target (e.g. positive/negative review at 5.5). */
export function binaryAccuracy(predicted: ArrayLike<number>, actual: ArrayLike<number>, threshold = 5.5): number {
  assertSameLength(predicted, actual, 'binaryAccuracy');
  let agree = 0;
  for (let i = 0; i < predicted.length; i++) agree += predicted[i]! > threshold === actual[i]! > threshold ? 1 : 0;
  return agree / predicted.length;
}

/** 1-based ranks, ties sharing the mean of the ranks they span. */
function averageRanks(values: ArrayLike<number>): Float64Array {
  const order = Array.from({ length: values.length }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Float64Array(values.length);
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    while (end < order.length && values[order[end]!] === values[order[start]!]) end++;
    for (let i = start; i < end; i++) ranks[order[i]!] = (start + end + 1) / 2;
    start = end;
  }
  return ranks;
}

function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let meanA = 0;
  let meanB = 0;
  for (let i = 0; i < n; i++) (meanA += a[i]! / n), (meanB += b[i]! / n);
  let cov = 0;
  let varA = 0;
  let varB = 0;
  for (let i = 0; i < n; i++) {
    cov += (a[i]! - meanA) * (b[i]! - meanB);
    varA += (a[i]! - meanA) ** 2;
    varB += (b[i]! - meanB) ** 2;
  }
  return varA === 0 || varB === 0 ? 0 : cov / Math.sqrt(varA * varB);
}

/** Spearman's rank correlation (Pearson on tie-averaged ranks); 0 when either side is constant. */
export function spearmanCorrelation(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  assertSameLength(predicted, actual, 'spearmanCorrelation');
  return pearson(averageRanks(predicted), averageRanks(actual));
}
