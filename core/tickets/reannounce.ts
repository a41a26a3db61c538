import type { Clock } from "../clock.ts";
import type { Logger } from "../log.ts";
import type { TicketService } from "./service.ts";

/**
 * Re-announces untaken tickets on a timer. Each ticket is claimed in the database before it is
 * announced (see TicketService.reannounceDue), so several processes can run this safely.
 * Returns the function that stops it.
 */
export function startReannouncer(tickets: TicketService, opts: { clock: Clock; log: Logger; everyMs?: number }): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = tickets
      .reannounceDue(opts.clock())
      .then((n) => { if (n) opts.log.info({ count: n }, "untaken tickets announced again"); })
      .catch((err) => opts.log.error({ err }, "ticket re-announce failed"))
      .finally(() => { running = null; });
  };
  const timer = setInterval(tick, opts.everyMs ?? 60_000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
