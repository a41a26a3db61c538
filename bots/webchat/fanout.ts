// Live web chat delivery across instances. Behind a load balancer a customer's WebSocket is open on one
// instance while a staff reply or a reminder may be sent from another; on PostgreSQL every instance
// LISTENs on one channel and the web sender NOTIFYs it, so the instance holding the socket delivers.
// (The embedded database serves one process, and its NOTIFY does not cross connections: there the hub
// is used directly.)
import pg from "pg";
import { poolConfig } from "../../core/db/client.ts";
import type { Reply } from "../../core/conversation/messages.ts";
import type { ChannelSender } from "../../core/conversation/messages.ts";
import type { Kernel } from "../module.ts";

const CHANNEL = "rezervo_web";
/** PostgreSQL's NOTIFY payload limit is 8000 bytes; larger replies are read from the history instead. */
const MAX_PAYLOAD = 7900;

interface Note {
  /** Conversation (= web session) id. */
  c: string;
  r?: Reply[];
  /** Number of latest outbound history rows to read when the replies did not fit. */
  n?: number;
}

/** The web sender across instances and the listener that delivers what it sends. */
export interface WebFanout {
  /** The "web" sender: NOTIFY once the listener is on, the in-process hub before (or without) it. */
  sender: ChannelSender;
  /**
   * Starts this instance's listener and switches the sender to NOTIFY — once a probe shows that a NOTIFY
   * from the app's pool reaches the listener (it does not on the embedded server, where the in-process
   * hub stays in charge). Returns its stop.
   */
  start(): Promise<() => Promise<void>>;
}

/**
 * The web chat fan-out over PostgreSQL LISTEN/NOTIFY on `databaseUrl`. A process without sockets (the
 * worker) sends with `notify` from the start: the server holding the socket delivers.
 */
export function webFanout(rt: Kernel, databaseUrl: string, opts: { notify?: boolean } = {}): WebFanout {
  let notifying = opts.notify ?? false;
  const sender: ChannelSender = {
    channel: "web",
    async send(address, replies) {
      if (!notifying) return rt.hub.publish(address.externalId, replies);
      const full = JSON.stringify({ c: address.externalId, r: replies } satisfies Note);
      const payload = Buffer.byteLength(full) <= MAX_PAYLOAD ? full : JSON.stringify({ c: address.externalId, n: replies.length } satisfies Note);
      await rt.prisma.$executeRaw`SELECT pg_notify(${CHANNEL}, ${payload})`;
    },
  };
  async function start(): Promise<() => Promise<void>> {
    const probe = `probe:${Math.random().toString(36).slice(2)}`;
    let probed!: () => void;
    const heard = new Promise<boolean>((resolve) => {
      probed = () => resolve(true);
      setTimeout(() => resolve(false), 2000).unref();
    });
    let stopped = false;
    let listener: pg.Client | undefined;
    let retry: NodeJS.Timeout | undefined;
    // A listener whose connection drops (the database restarted, the backend was terminated) comes back
    // by itself, or staff replies and reminders from other instances would stop reaching this one's sockets.
    const connect = async (): Promise<void> => {
      const client = new pg.Client(poolConfig(databaseUrl, 1).config);
      listener = client;
      let lost = false;
      const reconnect = (err?: Error) => {
        if (lost || stopped) return;
        lost = true;
        rt.log.warn({ err }, "web chat fan-out listener lost its connection; reconnecting");
        client.end().catch(() => {});
        const again = (delay: number) => {
          retry = setTimeout(() => {
            if (stopped) return;
            connect().catch((e: Error) => {
              rt.log.warn({ err: e }, "web chat fan-out listener could not reconnect yet");
              again(Math.min(delay * 2, 30_000));
            });
          }, delay);
          retry.unref();
        };
        again(500);
      };
      client.on("error", reconnect);
      client.on("end", () => reconnect());
      client.on("notification", (msg) => {
        if (msg.channel !== CHANNEL || !msg.payload) return;
        if (msg.payload === probe) return probed();
        if (msg.payload.startsWith("probe:")) return;
        void deliver(rt, JSON.parse(msg.payload) as Note).catch((err) => rt.log.warn({ err }, "web chat fan-out delivery failed"));
      });
      try {
        await client.connect();
        await client.query(`LISTEN ${CHANNEL}`);
      } catch (err) {
        lost = true; // the caller decides whether to try again
        await client.end().catch(() => {});
        throw err;
      }
    };
    await connect();
    await rt.prisma.$executeRaw`SELECT pg_notify(${CHANNEL}, ${probe})`;
    const stop = async () => {
      stopped = true;
      notifying = false;
      clearTimeout(retry);
      await listener?.end().catch(() => {});
    };
    if (!(await heard)) {
      await stop();
      rt.log.info("web chat fan-out off: notifications do not cross connections on this database");
      return async () => {};
    }
    notifying = true;
    rt.log.debug("web chat fan-out listening");
    return stop;
  }
  return { sender, start };
}

async function deliver(rt: Kernel, note: Note): Promise<void> {
  if (note.r) return rt.hub.publish(note.c, note.r);
  if (!note.n) return;
  // The history is written right after the send: give it a moment, then read the latest replies.
  await new Promise((r) => setTimeout(r, 200));
  const rows = await rt.prisma.message.findMany({ where: { conversationId: note.c, direction: "out" }, orderBy: { id: "desc" }, take: note.n });
  rt.hub.publish(note.c, rows.reverse().map((m) => m.body as unknown as Reply));
}
