import { App, type Receiver, type ReceiverEvent } from "@slack/bolt";
import type { Clock } from "../../core/clock.ts";
import type { Logger } from "../../core/log.ts";
import type { TicketService } from "../../core/tickets/service.ts";
import { firstName, type TicketDesk, type TicketView } from "../../core/tickets/types.ts";
import { t, type Lang } from "../../locales/i18n.ts";
import { CLOSE_ACTION, escapeSlack, TAKE_ACTION, ticketMessage, unescapeSlack } from "./blocks.ts";

type BoltApp = InstanceType<typeof App>;

/** Settings of the Slack staff desk. */
export interface SlackDeskConfig {
  botToken: string;
  supportChannel: string;
  /** Web API base (e.g. GovSlack or a test server); Slack's own when absent. */
  apiUrl?: string;
  /** Language of staff-facing text. */
  lang: Lang;
}

/** A Bolt receiver fed by our own HTTP route: the route verifies the request, Bolt runs the listeners. */
export class RouteReceiver implements Receiver {
  private app?: BoltApp;
  init(app: BoltApp): void {
    this.app = app;
  }
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  /** Hands a verified request to Bolt. */
  async dispatch(event: ReceiverEvent): Promise<void> {
    if (!this.app) throw new Error("Slack receiver not initialised");
    await this.app.processEvent(event);
  }
}

function boltLogger(log: Logger) {
  const l = log.child({ part: "slack" });
  const join = (m: unknown[]) => m.map((x) => (typeof x === "string" ? x : JSON.stringify(x))).join(" ");
  return {
    debug: (...m: unknown[]) => l.debug(join(m)),
    info: (...m: unknown[]) => l.debug(join(m)),
    warn: (...m: unknown[]) => l.warn(join(m)),
    error: (...m: unknown[]) => l.error(join(m)),
    setLevel: () => {},
    getLevel: () => "info" as never,
    setName: () => {},
  };
}

interface SlackMessageEvent {
  channel?: string;
  ts?: string;
  thread_ts?: string;
  user?: string;
  text?: string;
  subtype?: string;
  bot_id?: string;
}

interface SlackActionBody {
  channel?: { id?: string };
  user?: { id?: string; name?: string };
  message?: { ts?: string };
}

/**
 * The Slack staff desk on Bolt: posts tickets to the support channel, relays thread replies to the
 * customer, handles the Take / Close buttons. Requests come in through {@link RouteReceiver}.
 */
export function createSlackDesk(cfg: SlackDeskConfig, deps: { tickets: TicketService; log: Logger; clock: Clock }) {
  const receiver = new RouteReceiver();
  const app = new App({
    token: cfg.botToken,
    receiver,
    clientOptions: cfg.apiUrl ? { slackApiUrl: cfg.apiUrl.endsWith("/") ? cfg.apiUrl : `${cfg.apiUrl}/` } : undefined,
    logger: boltLogger(deps.log),
    logLevel: "warn" as never,
  });
  const { tickets, log } = deps;
  const names = new Map<string, string>();
  const s = (key: string, vars?: Record<string, unknown>) => t(cfg.lang, `tickets:staff.${key}`, vars);

  async function staffName(userId: string): Promise<string> {
    const known = names.get(userId);
    if (known) return known;
    try {
      const res = await app.client.users.info({ user: userId });
      const u = res.user;
      const name = firstName(u?.profile?.first_name || u?.real_name || u?.profile?.display_name || u?.name) ?? userId;
      names.set(userId, name);
      return name;
    } catch (err) {
      log.warn({ err }, "slack users.info failed");
      return userId;
    }
  }

  async function refresh(ticketId: string): Promise<void> {
    const v = await tickets.get(ticketId);
    if (!v?.slackTs || !v.slackChannel) return;
    const msg = ticketMessage(cfg.lang, v, await tickets.savedTranscript(v.id));
    await app.client.chat.update({ channel: v.slackChannel, ts: v.slackTs, text: msg.text, blocks: msg.blocks as never });
  }

  async function thread(channel: string | null, ts: string | null, text: string, broadcast = false): Promise<void> {
    if (!channel || !ts) return;
    await app.client.chat.postMessage({ channel, thread_ts: ts, text, reply_broadcast: broadcast });
  }

  app.event("message", async ({ event }) => {
    const e = event as SlackMessageEvent;
    if (e.subtype || e.bot_id || !e.user || !e.ts || !e.thread_ts || e.thread_ts === e.ts || !e.text) return;
    if (e.channel !== cfg.supportChannel) return;
    const ticket = await tickets.bySlackTs(e.channel, e.thread_ts);
    if (!ticket) return;
    const name = await staffName(e.user);
    // A reply to an open ticket takes it; to a closed one, reopens it taken by this staff member.
    const r = await tickets.staffReply(ticket, unescapeSlack(e.text), name, `slack:${e.channel}:${e.ts}`);
    if (r.changed) await refresh(ticket.id);
    // The customer's channel did not take it: the staff member learns so in the thread, to reach them another way.
    if (r.relayed && !r.delivered) await thread(e.channel, e.thread_ts, s("notDelivered", { label: ticket.label }));
  });

  const onButton = (take: boolean) => async ({ ack, body, action, client }: { ack: () => Promise<void>; body: unknown; action: unknown; client: BoltApp["client"] }) => {
    await ack();
    const b = body as SlackActionBody;
    const ticketId = String((action as { value?: string }).value ?? "");
    const channel = b.channel?.id;
    const ticket = ticketId ? await tickets.get(ticketId) : null;
    if (!ticket || channel !== cfg.supportChannel || ticket.slackChannel !== channel || ticket.slackTs !== b.message?.ts) {
      log.warn({ channel }, "slack ticket action refused: not from the ticket's message in the support channel");
      if (channel && b.user?.id) await client.chat.postEphemeral({ channel, user: b.user.id, text: s("outsideChannel") }).catch(() => undefined);
      return;
    }
    const name = await staffName(b.user?.id ?? "");
    const changed = take ? await tickets.take(ticket.id, name) : await tickets.closeByStaff(ticket.id, name, deps.clock());
    if (changed) await refresh(ticket.id);
  };
  app.action(TAKE_ACTION, onButton(true) as never);
  app.action(CLOSE_ACTION, onButton(false) as never);

  /** The desk the ticket service tells about tickets. */
  const desk: TicketDesk = {
    name: "slack",
    async created(v: TicketView) {
      const msg = ticketMessage(cfg.lang, v, await tickets.savedTranscript(v.id));
      const res = await app.client.chat.postMessage({ channel: cfg.supportChannel, text: msg.text, blocks: msg.blocks as never, unfurl_links: false });
      if (res.ts) await tickets.setSlack(v.id, res.channel ?? cfg.supportChannel, res.ts);
    },
    async customerMessage(v, text) {
      await thread(v.slackChannel, v.slackTs, s("customerSays", { text: escapeSlack(text) }));
    },
    async closedByCustomer(v) {
      await thread(v.slackChannel, v.slackTs, s("closedByCustomer"));
      await refresh(v.id);
    },
    async reopened(v, text) {
      await thread(v.slackChannel, v.slackTs, s("reopened", { text: escapeSlack(text) }), true);
      await refresh(v.id);
    },
    async reannounce(v) {
      await thread(v.slackChannel, v.slackTs, s("reannounce", { label: v.label }), true);
    },
  };
  return { app, receiver, desk };
}
