import { randomUUID } from "node:crypto";
import { authorizeJWT, CloudAdapter, type AuthConfiguration, type TurnContext } from "@microsoft/agents-hosting";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { Config } from "../../core/config.ts";
import type { ChannelAddress, InboundContent, InboundMessage } from "../../core/conversation/messages.ts";
import { cleanDeep } from "../../core/conversation/sanitize.ts";
import type { Runtime } from "../runtime.ts";
import { stripMention, toActivity, type ChoiceValue } from "./render.ts";

/** Where the Bot Framework / Teams channel posts activities. */
export const TEAMS_PATH = "/api/messages";

/** Authentication for the adapter: the app's credentials, or none (local, no app id). */
export function teamsAuthConfig(c: Config): AuthConfiguration {
  if (!c.MICROSOFT_APP_ID) return {};
  return { clientId: c.MICROSOFT_APP_ID, clientSecret: c.MICROSOFT_APP_PASSWORD, tenantId: c.MICROSOFT_APP_TENANT_ID };
}

/** A minimal response the Agents SDK writes to; sent through fastify afterwards. */
class CollectedResponse {
  statusCode = 200;
  body: unknown = undefined;
  headers: Record<string, string> = {};
  headersSent = false;
  writableEnded = false;
  status(code: number) {
    this.statusCode = code;
    return this;
  }
  setHeader(name: string, value: string) {
    this.headers[name] = value;
    return this;
  }
  send(body?: unknown) {
    this.body = body;
    this.headersSent = this.writableEnded = true;
    return this;
  }
  end() {
    this.headersSent = this.writableEnded = true;
    return this;
  }
  async flush(reply: FastifyReply) {
    reply.code(this.statusCode).headers(this.headers);
    return this.body === undefined ? reply.send() : reply.send(this.body);
  }
}

function contentOf(activity: TurnContext["activity"]): InboundContent {
  const value = activity.value as Partial<ChoiceValue> | undefined;
  if (value && typeof value.rezervoChoice === "string") return { kind: "choice", id: value.rezervoChoice };
  const text = stripMention(activity.text ?? "");
  if (text) return { kind: "text", text };
  return { kind: "unsupported", what: activity.attachments?.length ? "attachment" : "empty" };
}

/**
 * Registrar: the Microsoft Teams / Bot Framework channel on the Microsoft 365 Agents SDK. With
 * MICROSOFT_APP_ID, Bot Framework tokens are validated; without one (not in production) requests are
 * accepted anonymously for local use. Registers the "teams" sender for messages the bot starts itself.
 */
export async function registerTeams(app: FastifyInstance, rt: Runtime): Promise<void> {
  const c = rt.config;
  if (!c.MICROSOFT_APP_ID && c.NODE_ENV === "production") return;
  const auth = teamsAuthConfig(c);
  const adapter = new CloudAdapter(auth);
  const authorize = authorizeJWT(auth);
  const log = rt.log.child({ part: "teams" });
  adapter.onTurnError = async (_ctx, err) => {
    log.error({ err }, "teams turn failed");
  };
  const identity = c.MICROSOFT_APP_ID ? CloudAdapter.createIdentity(c.MICROSOFT_APP_ID) : { aud: undefined };

  rt.notifier.register({
    channel: "teams",
    async send(address: ChannelAddress, replies) {
      const reference = address.extra?.reference as Parameters<CloudAdapter["continueConversation"]>[1] | undefined;
      if (!reference) throw new Error("teams address without a conversation reference");
      await adapter.continueConversation(identity, reference, async (ctx) => {
        await ctx.sendActivities(replies.map(toActivity));
      });
    },
  });

  async function onTurn(ctx: TurnContext): Promise<void> {
    const a = ctx.activity;
    if (a.type !== "message" || !a.conversation?.id) return;
    // Cleaned here too (the turn cleans its copy): the address is stored again below, after the turn.
    const address: ChannelAddress = cleanDeep({ channel: "teams", externalId: a.conversation.id, extra: { reference: a.getConversationReference() } });
    const msg: InboundMessage = {
      address,
      messageId: a.id ?? randomUUID(),
      content: contentOf(a),
      langHint: a.locale ?? undefined,
      profile: { name: a.from?.name ?? undefined },
      // With authentication on, Bot Framework vouches for the sender's AAD object id.
      ...(c.MICROSOFT_APP_ID && a.from?.aadObjectId ? { proof: { kind: "aad" as const, value: a.from.aadObjectId, via: "teams" as const } } : {}),
    };
    const out = await rt.conversations.handle(msg);
    // Keep the newest reference (the service URL can change) for replies the bot starts later.
    await rt.prisma.conversation.updateMany({ where: { channel: "teams", externalId: address.externalId }, data: { address: address as object } });
    if (out.duplicate || out.replies.length === 0) return;
    if (out.rateLimited && !out.rateLimited.first) return; // a flood gets one "slow down" answer
    await ctx.sendActivities(out.replies.map(toActivity));
  }

  app.post(TEAMS_PATH, async (req, reply) => {
    const res = new CollectedResponse();
    const request = { body: req.body as Record<string, unknown>, headers: req.headers as Record<string, string | string[] | undefined>, method: req.method, user: undefined as Record<string, unknown> | undefined };
    let authorised = false;
    await authorize(request, res, () => {
      authorised = true;
    });
    if (!authorised) return res.flush(reply);
    await adapter.process(request, res, onTurn);
    return res.flush(reply);
  });
}
