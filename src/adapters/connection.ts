/** A running platform client as the process sees it: for /healthz, /metrics and shutdown. */
export interface PlatformConnection {
  readonly name: string;
  /** True while the client is connected and can deliver replies. */
  isHealthy(): boolean;
  /** Stops taking new events, lets replies in flight finish, closes sockets. */
  stop(): Promise<void>;
}
