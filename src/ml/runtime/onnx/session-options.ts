/**
 * ONNX Runtime session options for every session the project opens: `threads` intra-op threads that sleep
 * between calls (an idle bot spins no core), one op at a time, every graph optimisation.
 */
export function sessionOptions(threads: number): Record<string, unknown> {
  return {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  };
}
