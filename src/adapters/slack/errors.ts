import { notice, UserFacingError, type Reply } from '../../core/reply.js';

/** What the user sees when a handler throws: the message itself if it was meant for them, else an apology. */
export function errorReply(error: unknown): Reply {
  if (error instanceof UserFacingError) return notice(error.tone, error.message);
  return notice('error', 'Something went wrong on my side. Please try again in a moment.');
}

/**
 * The parts of an error worth a log line. Never the whole object: HTTP client errors carry their request
 * (headers, response_url) along.
 */
export function errorFields(error: unknown): { name: string; message: string; code?: string; stack?: string } {
  if (!(error instanceof Error)) return { name: 'NonError', message: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(error instanceof UserFacingError ? {} : { stack: error.stack }),
  };
}
