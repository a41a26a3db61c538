// A round-robin HTTP load balancer on 127.0.0.1 for tests with several instances: each request goes to
// the next backend in turn (not each connection, so a keep-alive client still alternates), WebSocket
// upgrades are piped whole to the backend they land on, and every request's backend is recorded.
import { createServer, request, type IncomingMessage, type Server } from "node:http";
import { connect, type Socket } from "node:net";

/** One request as the balancer routed it. */
export interface Routed {
  method: string;
  path: string;
  /** Index of the backend it went to. */
  backend: number;
  status?: number;
}

/** The balancer in front of `backends` (base URLs such as http://127.0.0.1:4001). */
export class RoundRobin {
  readonly log: Routed[] = [];
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private next = 0;
  url = "";

  constructor(private readonly backends: string[]) {}

  private pick(): { index: number; target: URL } {
    const index = this.next++ % this.backends.length;
    return { index, target: new URL(this.backends[index]) };
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const { index, target } = this.pick();
      const entry: Routed = { method: req.method ?? "GET", path: req.url ?? "/", backend: index };
      this.log.push(entry);
      const upstream = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host, "x-forwarded-for": req.socket.remoteAddress ?? "" } },
        (up: IncomingMessage) => {
          entry.status = up.statusCode;
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on("error", () => {
        entry.status = 502;
        if (!res.headersSent) res.writeHead(502).end();
        else res.destroy();
      });
      req.pipe(upstream);
    });
    this.server.on("upgrade", (req: IncomingMessage, client: Socket, head: Buffer) => {
      const { index, target } = this.pick();
      this.log.push({ method: "UPGRADE", path: req.url ?? "/", backend: index });
      const upstream = connect(Number(target.port), target.hostname, () => {
        const lines = [`${req.method} ${req.url} HTTP/1.1`];
        for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
        upstream.write(`${lines.join("\r\n")}\r\n\r\n`);
        if (head.length) upstream.write(head);
        client.pipe(upstream).pipe(client);
      });
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on("close", () => this.sockets.delete(s));
        s.on("error", () => {});
      }
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
    this.server.on("connection", (s) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
    return this;
  }

  /** The backends of the recorded requests whose path matches, in order. */
  backendsOf(method: string, path: RegExp): number[] {
    return this.log.filter((r) => r.method === method && path.test(r.path)).map((r) => r.backend);
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
