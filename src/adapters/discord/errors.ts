/**
 * The parts of an error worth logging. Discord's API errors carry the request URL and body, and an
 * interaction's URL holds its token, so a whole error object is never handed to the logger.
 */
export function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: String(error) };
  const { status, code } = error as { status?: unknown; code?: unknown };
  return { errorName: error.name, error: error.message, status, code, stack: error.stack };
}
