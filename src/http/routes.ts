import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';

/** What a route handler knows about the request besides the request itself. */
export interface RequestContext {
  readonly requestId: string;
  /** The caller's address, which is who the request is attributed to in local mode. */
  readonly remoteAddress: string;
  readonly log: Logger;
}

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, context: RequestContext) => Promise<void> | void;

export interface Route {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly handle: RouteHandler;
  /** Logged at debug rather than info: scrapes and probes every few seconds are noise. */
  readonly quiet?: boolean;
}
