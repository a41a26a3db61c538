// Live web chat delivery across instances. Behind a load balancer a customer's WebSocket is open on one
// instance while a staff reply or a reminder may be sent from another; on PostgreSQL every instance
// LISTENs on one channel and the web sender NOTIFYs it, so the instance holding the socket delivers.
// (The embedded database serves one process, and its NOTIFY does not cross connections: there the hub
// is used directly.)
import pg from "pg";
import { poolConfig } from "../../core/db/client.ts";
import type { Reply } from "../../core/conversation/messages.ts";
import type { Runtime } from "../runtime.ts";

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

/**
 * Switches the web sender to NOTIFY and starts this instance's listener — once a probe shows that a
 * NOTIFY from the app's pool reaches the listener (it does not on the embedded server, where the
 * in-process hub stays in charge).
 */
export async function startWebFanout(rt: Runtime, databaseUrl: string): Promise<void> {
  const listener = new pg.Client(poolConfig(databaseUrl, 1).config);
  listener.on("error", (err) => rt.log.warn({ err }, "web chat fan-out listener lost its connection"));
  await listener.connect();
  await listener.query(`LISTEN ${CHANNEL}`);
  const probe = `probe:${Math.random().toString(36).slice(2)}`;
  let probed!: () => void;
  const heard = new Promise<boolean>((resolve) => {
    probed = () => resolve(true);
    setTimeout(() => resolve(false), 2000).unref();
  });
  listener.on("notification", (msg) => {
    if (msg.channel !== CHANNEL || !msg.payload) return;
    if (msg.payload === probe) return probed();
    if (msg.payload.startsWith("probe:")) return;
    void deliver(rt, JSON.parse(msg.payload) as Note).catch((err) => rt.log.warn({ err }, "web chat fan-out delivery failed"));
  });
  await rt.prisma.$executeRaw`SELECT pg_notify(${CHANNEL}, ${probe})`;
  if (!(await heard)) {
    await listener.end().catch(() => {});
    rt.log.info("web chat fan-out off: notifications do not cross connections on this database");
    return;
  }
  rt.notifier.register({
    channel: "web",
    async send(address, replies) {
      const full = JSON.stringify({ c: address.externalId, r: replies } satisfies Note);
      const payload = Buffer.byteLength(full) <= MAX_PAYLOAD ? full : JSON.stringify({ c: address.externalId, n: replies.length } satisfies Note);
      await rt.prisma.$executeRaw`SELECT pg_notify(${CHANNEL}, ${payload})`;
    },
  });
  rt.onClose.push(async () => {
    await listener.end().catch(() => {});
  });
  rt.log.debug("web chat fan-out listening");
}

async function deliver(rt: Runtime, note: Note): Promise<void> {
  if (note.r) return rt.hub.publish(note.c, note.r);
  if (!note.n) return;
  // The history is written right after the send: give it a moment, then read the latest replies.
  await new Promise((r) => setTimeout(r, 200));
  const rows = await rt.prisma.message.findMany({ where: { conversationId: note.c, direction: "out" }, orderBy: { id: "desc" }, take: note.n });
  rt.hub.publish(note.c, rows.reverse().map((m) => m.body as unknown as Reply));
}
