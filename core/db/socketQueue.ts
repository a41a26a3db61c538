// The embedded server's query queue, made safe for several connections.
//
// pglite-socket hands PGlite one protocol message at a time from any connection. PGlite is a single
// session, so when two connections use the extended protocol (Parse/Bind/Execute ... Sync, what pg and
// Prisma send for every parameterised query) their messages interleave and one connection's unnamed
// statement or portal replaces the other's: queries then answer with another query's rows. The queue
// below keeps a connection's sequence together (from its first extended message to its Sync) and, as the
// original does, a transaction's statements together; it also keeps working after a failed message.
import type { PGlite } from "@electric-sql/pglite";

interface QueueItem {
  handlerId: number;
  message: Uint8Array;
  resolve(bytes: number): void;
  reject(err: unknown): void;
  onData(data: Uint8Array): void;
}

interface QueryQueue {
  queue: QueueItem[];
  processing: boolean;
  lastHandlerId: number | null;
  db: PGlite;
  processQueue(): Promise<void>;
  clearTransactionIfNeeded(handlerId: number): Promise<void>;
}

const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const EXTENDED = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]); // P B D E C H

/** Replaces the socket server's queue scheduling (the server keeps its queue object). */
export function serialiseProtocolSequences(server: object): void {
  const q = (server as { queryQueue?: QueryQueue }).queryQueue;
  if (!q || typeof q.processQueue !== "function") throw new Error("pglite-socket internals changed: queryQueue not found");
  const open = new Set<number>();

  q.processQueue = async function processQueue(this: QueryQueue): Promise<void> {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const owner = this.lastHandlerId;
        const sticky = owner !== null && (open.has(owner) || this.db.isInTransaction());
        const index = sticky ? this.queue.findIndex((i) => i.handlerId === owner) : 0;
        if (index === -1) break; // wait for the owner's next message
        const [item] = this.queue.splice(index, 1);
        const type = item.message[0];
        if (EXTENDED.has(type)) open.add(item.handlerId);
        else if (type === SYNC || type === QUERY) open.delete(item.handlerId);
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (d: Uint8Array) => {
                bytes += d.length;
                item.onData(d);
              },
            }),
          );
        } catch (err) {
          this.lastHandlerId = item.handlerId;
          item.reject(err);
          continue;
        }
        this.lastHandlerId = item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  }.bind(q);

  const clear = q.clearTransactionIfNeeded.bind(q);
  q.clearTransactionIfNeeded = async (handlerId: number) => {
    open.delete(handlerId);
    await clear(handlerId);
    if (q.lastHandlerId === handlerId) q.lastHandlerId = null;
    await q.processQueue();
  };
}
