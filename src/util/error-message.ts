/** The message of whatever was thrown: an Error's message, else its string form. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The parts of an error worth a log line. Never the whole object: HTTP client errors carry their request along
 * (headers, a Slack response_url, a Discord interaction URL with its token).
 */
export function errorFields(error: unknown): { name: string; message: string; code?: string; status?: number; stack?: string } {
  if (!(error instanceof Error)) return { name: 'NonError', message: String(error) };
  const { code, status } = error as { code?: unknown; status?: unknown };
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code) } : {}),
    ...(typeof status === 'number' ? { status } : {}),
    stack: error.stack,
  };
}
