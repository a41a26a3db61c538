// A TCP proxy on 127.0.0.1 in front of the database, to take the network away under a running app:
// `cut()` drops every open connection and resets new ones until `restore()`. The database itself and
// the app are the real ones; only the wire between them fails.
import { createConnection, createServer, type Server, type Socket } from "node:net";

/** A proxy to host:port. */
export class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private broken = false;
  port = 0;

  constructor(private readonly host: string, private readonly targetPort: number) {}

  async start(): Promise<this> {
    this.server = createServer((client) => {
      if (this.broken) return void client.resetAndDestroy();
      const upstream = createConnection({ host: this.host, port: this.targetPort });
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on("close", () => this.sockets.delete(s));
        s.on("error", () => {});
      }
      client.pipe(upstream).pipe(client);
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  /** `url` with its host and port replaced by the proxy's. */
  through(url: string): string {
    const u = new URL(url);
    u.hostname = "127.0.0.1";
    u.port = String(this.port);
    return u.toString();
  }

  /** Drops every connection and refuses new ones. */
  cut(): void {
    this.broken = true;
    for (const s of this.sockets) s.resetAndDestroy();
  }

  restore(): void {
    this.broken = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
