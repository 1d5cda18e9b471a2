import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

/**
 * Slack's Socket Mode end: greets each connection with `hello`, sends envelopes and resolves when the bot acks
 * their `envelope_id`, and can ask the bot to reconnect (`disconnect` message) or drop the socket outright.
 */
export class FakeSocketMode {
  /** How many connections the bot has opened so far. */
  connectionCount = 0;
  private readonly sockets = new Set<WebSocket>();
  private readonly acks = new EventEmitter();
  private readonly connections = new EventEmitter();

  private constructor(private readonly server: WebSocketServer) {
    server.on('connection', (socket) => {
      this.connectionCount += 1;
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('message', (data) => {
        const message = JSON.parse(data.toString()) as { envelope_id?: string; payload?: unknown };
        if (message.envelope_id !== undefined) this.acks.emit(message.envelope_id, message.payload);
      });
      socket.send(JSON.stringify({ type: 'hello', num_connections: this.sockets.size, debug_info: { host: 'fake-slack' }, connection_info: { app_id: 'A0MOVIEBOT' } }));
      this.connections.emit('open', this.connectionCount);
    });
  }

  static async start(): Promise<FakeSocketMode> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    return new FakeSocketMode(server);
  }

  /** What `apps.connections.open` answers; the ticket differs each time, like Slack's. */
  url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/link/?ticket=${randomUUID()}`;
  }

  get openConnections(): number {
    return this.sockets.size;
  }

  /** Resolves once the bot has opened its `count`-th connection (a reconnection counts). */
  waitForConnection(count: number, timeoutMs = 20_000): Promise<void> {
    if (this.connectionCount >= count && this.sockets.size > 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`connection ${count} did not open within ${timeoutMs} ms`)), timeoutMs);
      const onOpen = (opened: number) => {
        if (opened < count) return;
        clearTimeout(timer);
        this.connections.off('open', onOpen);
        resolve();
      };
      this.connections.on('open', onOpen);
    });
  }

  /** Sends one envelope on the newest connection; resolves with the ack's payload. */
  send(type: EnvelopeType, payload: object, retry?: { attempt: number; reason: string }, timeoutMs = 10_000): Promise<unknown> {
    const socket = [...this.sockets].at(-1);
    if (socket === undefined) return Promise.reject(new Error('the bot has no open Socket Mode connection'));
    const envelopeId = randomUUID();
    const acked = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`envelope ${envelopeId} was not acked within ${timeoutMs} ms`)), timeoutMs);
      this.acks.once(envelopeId, (ackPayload: unknown) => {
        clearTimeout(timer);
        resolve(ackPayload);
      });
    });
    socket.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: type !== 'events_api',
        ...(type === 'events_api' ? { retry_attempt: retry?.attempt ?? 0, retry_reason: retry?.reason ?? '' } : {}),
      }),
    );
    return acked;
  }

  /** Slack's polite way: the client should close and open a fresh connection. */
  askToReconnect(reason = 'refresh_requested'): void {
    for (const socket of this.sockets) socket.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'fake-slack' } }));
  }

  /** The network way: the TCP connection just dies. */
  dropConnections(): void {
    for (const socket of this.sockets) socket.terminate();
  }

  async close(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
