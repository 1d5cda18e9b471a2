import { pino, type Logger } from 'pino';

export type { Logger };

/** Paths whose values are secrets wherever they appear in a log object. */
const REDACT = [
  'token', '*.token', 'botToken', '*.botToken', 'appToken', '*.appToken', 'signingSecret', '*.signingSecret',
  'authorization', '*.authorization', 'headers.authorization', '*.headers.authorization', 'url_private',
  '*.url_private', 'url_private_download', '*.url_private_download',
];

/** JSON lines on stderr, so stdout stays free for CLIs that print JSON. */
export function createLogger(level = 'info', destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: { service: 'moviebot' } }, destination);
}
