import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../logger.js';
import { errorMessage } from '../../util/error-message.js';

const TOKEN = /\bx(?:ox[a-z]|app)-[A-Za-z0-9-]+/g;

/**
 * Bolt's logger interface on top of pino. Bolt's debug lines dump raw payloads and request bodies (file links,
 * socket tickets), so they are dropped whatever the level; the rest is scrubbed of the given secrets and of
 * anything shaped like a Slack token.
 */
export class PinoBoltLogger implements BoltLogger {
  private level = LogLevel.INFO;

  constructor(
    private readonly logger: Logger,
    private readonly secrets: readonly string[],
  ) {}

  debug(..._message: unknown[]): void {}

  info(...message: unknown[]): void {
    this.logger.info(this.scrub(message));
  }

  warn(...message: unknown[]): void {
    this.logger.warn(this.scrub(message));
  }

  error(...message: unknown[]): void {
    this.logger.error(this.scrub(message));
  }

  setLevel(level: LogLevel): void {
    this.level = level;
  }

  getLevel(): LogLevel {
    return this.level;
  }

  setName(): void {}

  private scrub(message: unknown[]): string {
    let text = message.map((part) => (errorMessage(part))).join(' ');
    for (const secret of this.secrets) text = text.split(secret).join('[redacted]');
    return text.replace(TOKEN, '[redacted]');
  }
}
