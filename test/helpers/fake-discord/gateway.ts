import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { guildCreatePayload, shardOf, snowflake, userPayload, type FakeGuild, type FakeUser } from './payloads.js';

interface Dispatch {
  readonly s: number;
  readonly t: string;
  readonly d: unknown;
}

interface Session {
  readonly id: string;
  readonly shard: readonly [number, number];
  seq: number;
  socket?: WebSocket;
  /** Every event of the session, replayed from the client's last sequence on RESUME. */
  readonly sent: Dispatch[];
}

interface IdentifyData {
  readonly token: string;
  readonly shard?: readonly [number, number];
  readonly intents?: number;
}

interface ResumeData {
  readonly token: string;
  readonly session_id: string;
  readonly seq: number;
}

export interface GatewayOptions {
  readonly url: string;
  readonly token: string;
  readonly botUser: FakeUser;
  readonly applicationId: string;
  readonly guilds: readonly FakeGuild[];
  readonly heartbeatIntervalMs: number;
}

/** The opcodes a client sent, in order, for assertions ("it resumed", "it identified again"). */
export interface GatewayOp {
  readonly op: 'IDENTIFY' | 'RESUME' | 'HEARTBEAT';
  readonly shard?: readonly [number, number];
  /** IDENTIFY only: the gateway intents the client asked for (bit flags). */
  readonly intents?: number;
  readonly at: number;
}

/**
 * A gateway that speaks enough of Discord's protocol for discord.js: HELLO, IDENTIFY → READY + GUILD_CREATE,
 * heartbeats, RESUME with replay of missed events, and injected faults (closes, INVALID_SESSION).
 */
export class FakeGateway {
  readonly received: GatewayOp[] = [];
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions: Session[] = [];

  constructor(private readonly options: GatewayOptions) {
    this.wss.on('connection', (socket) => this.onConnection(socket));
  }

  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(request, socket, head, (ws) => this.wss.emit('connection', ws, request));
  }

  /** Sends an event to the shard that owns `guildId` (shard 0 for DMs); kept for replay if it is disconnected. */
  dispatch(t: string, d: unknown, guildId?: string): void {
    const session = this.liveSessionFor(guildId);
    if (session === undefined) throw new Error(`no session for ${guildId === undefined ? 'DMs' : `guild ${guildId}`}: is the bot connected?`);
    this.send(session, t, d);
  }

  /** Closes every connection with `code` (4000: the client should resume). Events dispatched meanwhile are replayed. */
  disconnect(code = 4000): void {
    for (const session of this.sessions) session.socket?.close(code, 'fake gateway closed the connection');
  }

  /** Tells every connected client its session is gone (`resumable` false: it must identify again). */
  invalidateSessions(resumable = false): void {
    for (const session of [...this.sessions]) {
      session.socket?.send(JSON.stringify({ op: 9, d: resumable }));
      if (!resumable) this.sessions.splice(this.sessions.indexOf(session), 1);
    }
  }

  /** Resolves once `count` shards have identified or resumed since the call (or ever, with `since` 0). */
  async waitFor(op: GatewayOp['op'], count = 1, since = this.received.length, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.slice(since).filter((entry) => entry.op === op).length < count) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} ${op}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  get connectedShards(): number[] {
    return this.sessions.filter((session) => session.socket?.readyState === WebSocket.OPEN).map((session) => session.shard[0]);
  }

  close(): void {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }

  private onConnection(socket: WebSocket): void {
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.options.heartbeatIntervalMs } }));
    socket.on('message', (raw) => {
      const payload = JSON.parse(raw.toString()) as { op: number; d: unknown };
      if (payload.op === 1) this.onHeartbeat(socket);
      else if (payload.op === 2) this.onIdentify(socket, payload.d as IdentifyData);
      else if (payload.op === 6) this.onResume(socket, payload.d as ResumeData);
    });
    socket.on('close', () => {
      for (const session of this.sessions) if (session.socket === socket) session.socket = undefined;
    });
  }

  private onHeartbeat(socket: WebSocket): void {
    this.received.push({ op: 'HEARTBEAT', shard: this.sessions.find((session) => session.socket === socket)?.shard, at: Date.now() });
    socket.send(JSON.stringify({ op: 11 }));
  }

  private onIdentify(socket: WebSocket, d: IdentifyData): void {
    if (d.token !== this.options.token) return socket.close(4004, 'Authentication failed.');
    const shard = d.shard ?? [0, 1];
    this.received.push({ op: 'IDENTIFY', shard, intents: d.intents, at: Date.now() });
    const session: Session = { id: snowflake(), shard, seq: 0, socket, sent: [] };
    this.sessions.push(session);
    const guilds = this.options.guilds.filter((guild) => shardOf(guild.id, shard[1]) === shard[0]);
    this.send(session, 'READY', {
      v: 10,
      user: userPayload(this.options.botUser),
      guilds: guilds.map((guild) => ({ id: guild.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.options.url,
      shard,
      application: { id: this.options.applicationId, flags: 0 },
    });
    for (const guild of guilds) this.send(session, 'GUILD_CREATE', guildCreatePayload(guild, this.options.botUser));
  }

  private onResume(socket: WebSocket, d: ResumeData): void {
    const session = this.sessions.find((candidate) => candidate.id === d.session_id);
    if (d.token !== this.options.token || session === undefined) {
      socket.send(JSON.stringify({ op: 9, d: false }));
      return;
    }
    this.received.push({ op: 'RESUME', shard: session.shard, at: Date.now() });
    session.socket = socket;
    for (const missed of session.sent.filter((event) => event.s > d.seq)) socket.send(JSON.stringify({ op: 0, ...missed }));
    this.send(session, 'RESUMED', {});
  }

  private send(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    const event = { s: session.seq, t, d };
    session.sent.push(event);
    if (session.socket?.readyState === WebSocket.OPEN) session.socket.send(JSON.stringify({ op: 0, ...event }));
  }

  private liveSessionFor(guildId: string | undefined): Session | undefined {
    const matching = this.sessions.filter((session) => (guildId === undefined ? 0 : shardOf(guildId, session.shard[1])) === session.shard[0]);
    return matching.at(-1);
  }
}
