import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../../logger.js';

/** Answers whether an event id is new; across processes when backed by Redis. */
export interface EventIds {
  firstTime(eventId: string): boolean | Promise<boolean>;
}

/**
 * A global Bolt middleware that lets each Events API `event_id` through once (Slack redelivers when it thinks
 * an ack was late; Bolt has already acked the redelivery by the time it gets here) and keeps track of the
 * work in flight, so shutdown can wait for it.
 */
export class EventGate {
  private readonly inFlight = new Set<Promise<void>>();
  constructor(
    private readonly logger: Logger,
    private readonly seen: EventIds,
  ) {}

  readonly middleware: Middleware<AnyMiddlewareArgs> = async ({ body, next, context }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !(await this.seen.firstTime(eventId))) {
      this.logger.info({ eventId, retryNum: context.retryNum, retryReason: context.retryReason }, 'slack event retry already answered');
      return;
    }
    const work = next();
    this.inFlight.add(work);
    try {
      await work;
    } finally {
      this.inFlight.delete(work);
    }
  };

  /** Resolves once everything that got through has finished, successfully or not. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }
}
