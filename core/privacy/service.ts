// Privacy rights in the chat: see (download) and erase what we hold about the person behind a
// conversation. What a conversation may export or erase follows the identity rules: the bookings made in
// it and those of a phone/email it has proven, the conversations of the same proven person, and their
// tickets, transcripts, codes, proofs and preferences. Nothing else.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { HOLDING_STATUSES } from "../availability/service.ts";
import { bookingsOf, identityOf, type Identity } from "../bookings/identity.ts";
import type { Logger } from "../log.ts";
import { optOutHash } from "../optout/service.ts";

/** How long a download link works. */
export const EXPORT_LINK_TTL_MS = 24 * 3600_000;

/** Cancels a future booking of the person as the cancel policy says (places freed, reminders stopped). */
export type CancelForErasure = (bookingId: string, now: Date) => Promise<boolean>;

/** Dependencies of {@link PrivacyService}. */
export interface PrivacyDeps {
  prisma: PrismaClient;
  log: Logger;
  /** Signs download links (LINK_SECRET); a random key per process without one. */
  secret?: string;
  /** Base URL for links (PUBLIC_URL); relative links without it. */
  publicUrl?: string;
  cancel: CancelForErasure;
}

/** What an erasure changed. */
export interface ErasureResult {
  cancelled: number;
  bookingsAnonymised: number;
  conversations: number;
  messagesDeleted: number;
}


/** The person behind a conversation, as far as it is proven, and the rows that are theirs. */
interface Scope {
  identity: Identity;
  conversationIds: string[];
  customerIds: string[];
  bookingIds: string[];
  phones: string[];
  emails: string[];
  names: string[];
}

/** The waiting-list entries of the person: joined from their conversations or with their contact details. */
function waitlistOf(s: Scope) {
  return {
    OR: [
      { conversationId: { in: s.conversationIds } },
      ...(s.phones.length ? [{ contactPhone: { in: s.phones } }] : []),
      ...(s.emails.length ? [{ contactEmail: { in: s.emails } }] : []),
    ],
  };
}

/** Export, erasure and download links. */
export class PrivacyService {
  private readonly key: Buffer;
  constructor(private readonly deps: PrivacyDeps) {
    this.key = deps.secret ? Buffer.from(`privacy:${deps.secret}`, "utf8") : randomBytes(32);
  }

  private async scope(conversationId: string, now: Date): Promise<Scope | null> {
    const { prisma } = this.deps;
    const identity = await identityOf(prisma, conversationId, now);
    if (!identity) return null;
    const { phones, emails } = identity;
    const proofs = phones.length || emails.length
      ? await prisma.proof.findMany({
          where: { OR: [{ kind: "phone", value: { in: phones } }, { kind: "email", value: { in: emails } }] },
          select: { conversationId: true },
        })
      : [];
    const ownNumber = phones.length
      ? await prisma.conversation.findMany({
          where: { channel: { in: ["sms", "whatsapp"] }, externalId: { in: [...phones, ...phones.map((p) => `whatsapp:${p}`)] } },
          select: { id: true },
        })
      : [];
    const conversationIds = [...new Set([...identity.conversationIds, ...proofs.map((p) => p.conversationId), ...ownNumber.map((c) => c.id)])];
    const bookings = await prisma.booking.findMany({
      where: bookingsOf(identity),
      select: { id: true, customerId: true, contactName: true, contactEmail: true, contactPhone: true },
    });
    const convs = await prisma.conversation.findMany({ where: { id: { in: conversationIds } }, select: { customerId: true } });
    const verified = phones.length || emails.length
      ? await prisma.customer.findMany({ where: { verified: true, OR: [{ phone: { in: phones } }, { email: { in: emails } }] }, select: { id: true } })
      : [];
    const customerIds = [...new Set([
      ...bookings.map((b) => b.customerId), ...convs.flatMap((c) => (c.customerId ? [c.customerId] : [])), ...verified.map((c) => c.id),
    ])];
    const customers = await prisma.customer.findMany({ where: { id: { in: customerIds } }, select: { name: true, email: true, phone: true } });
    const clean = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => !!x && x.trim().length > 0))];
    return {
      identity, conversationIds, customerIds, bookingIds: bookings.map((b) => b.id),
      phones: clean([...phones, ...bookings.map((b) => b.contactPhone), ...customers.map((c) => c.phone)]),
      emails: clean([...emails, ...bookings.map((b) => b.contactEmail), ...customers.map((c) => c.email?.toLowerCase() ?? null)]),
      names: clean([...bookings.map((b) => b.contactName), ...customers.map((c) => c.name)]),
    };
  }

  /** Everything we hold about the person behind the conversation (as far as it is proven), as JSON. */
  async exportData(conversationId: string, now: Date): Promise<Record<string, unknown> | null> {
    const s = await this.scope(conversationId, now);
    if (!s) return null;
    const { prisma } = this.deps;
    const [customers, bookings, tickets, conversations, optOuts, proofs, waitlist] = await Promise.all([
      prisma.customer.findMany({
        where: { id: { in: s.customerIds } },
        select: { name: true, email: true, phone: true, lang: true, notifyChannels: true, smsOptOut: true, verified: true, createdAt: true },
      }),
      prisma.booking.findMany({
        where: { id: { in: s.bookingIds } },
        orderBy: { start: "asc" },
        select: {
          ref: true, start: true, end: true, status: true, priceLek: true, paymentStatus: true, channel: true, createdAt: true,
          cancelledAt: true, customerConfirmedAt: true, lateMinutes: true, contactName: true, contactEmail: true, contactPhone: true,
          business: { select: { name: true, city: true, address: true } },
          service: { select: { nameSq: true, nameEn: true } },
          payments: { select: { kind: true, amountLek: true, status: true, createdAt: true } },
          reminders: { select: { kind: true, channel: true, dueAt: true, status: true, sentAt: true } },
        },
      }),
      prisma.ticket.findMany({
        where: { conversationId: { in: s.conversationIds } },
        orderBy: { number: "asc" },
        select: { number: true, kind: true, description: true, status: true, createdAt: true, closedAt: true, messages: { orderBy: { id: "asc" }, select: { author: true, text: true, createdAt: true } } },
      }),
      prisma.conversation.findMany({
        where: { id: { in: s.conversationIds } },
        select: { channel: true, lang: true, createdAt: true, messages: { orderBy: { id: "asc" }, select: { direction: true, body: true, createdAt: true } } },
      }),
      prisma.optOut.findMany({ where: { phone: { in: s.phones } }, select: { phone: true, channel: true, createdAt: true } }),
      prisma.proof.findMany({ where: { conversationId: { in: s.conversationIds } }, select: { kind: true, value: true, via: true, createdAt: true, expiresAt: true } }),
      prisma.waitlistEntry.findMany({
        where: waitlistOf(s),
        orderBy: { createdAt: "asc" },
        select: {
          date: true, fromMin: true, toMin: true, status: true, contactName: true, contactEmail: true, contactPhone: true, createdAt: true,
          offers: { select: { start: true, status: true, heldUntil: true, createdAt: true } },
        },
      }),
    ]);
    return {
      generatedAt: now.toISOString(),
      contactDetails: customers,
      bookings: bookings.map((b) => ({ ...b, business: b.business, service: b.service })),
      tickets,
      conversations,
      notificationPreferences: customers.map((c) => ({ channels: c.notifyChannels, smsOptOut: c.smsOptOut })),
      optOuts,
      proofs,
      waitlist,
      consents: [],
    };
  }

  private mac(body: string): string {
    return createHmac("sha256", this.key).update(body).digest("base64url").slice(0, 32);
  }

  /** A signed download link for the conversation's export, valid for 24 hours (and until an erasure). */
  exportLink(conversationId: string, now: Date): string {
    const body = `${conversationId}.${Math.floor(now.getTime() / 1000).toString(36)}`;
    const token = `${Buffer.from(body).toString("base64url")}.${this.mac(body)}`;
    const path = `/api/privacy/export?token=${token}`;
    return this.deps.publicUrl ? new URL(path, this.deps.publicUrl).toString() : path;
  }

  /**
   * Reads a download token: the conversation, or why not ("invalid" for a forged or expired token,
   * "erased" when the data was erased after the link was made).
   */
  async openLink(token: string, now: Date): Promise<{ conversationId: string } | { error: "invalid" | "erased" }> {
    const [b64, mac] = token.split(".", 2);
    if (!b64 || !mac) return { error: "invalid" };
    const body = Buffer.from(b64, "base64url").toString("utf8");
    const want = Buffer.from(this.mac(body));
    const got = Buffer.from(mac);
    if (want.length !== got.length || !timingSafeEqual(want, got)) return { error: "invalid" };
    const [conversationId, iat36] = body.split(".");
    const issued = parseInt(iat36 ?? "", 36) * 1000;
    if (!conversationId || !Number.isFinite(issued) || issued + EXPORT_LINK_TTL_MS <= now.getTime()) return { error: "invalid" };
    const conv = await this.deps.prisma.conversation.findUnique({ where: { id: conversationId }, select: { erasedAt: true } });
    if (!conv) return { error: "invalid" };
    if (conv.erasedAt && conv.erasedAt.getTime() >= issued) return { error: "erased" };
    return { conversationId };
  }

  /**
   * Erases the person behind the conversation: future bookings are cancelled (places freed, reminders
   * stopped), contact details removed from every row that holds them (bookings keep business, time and
   * price), transcripts, processed-message replies, customers' ticket messages, codes and proofs deleted,
   * opt-outs kept as a hash. Their conversations stay (so the chat can go on) with nothing personal.
   */
  async erase(conversationId: string, now: Date): Promise<ErasureResult | null> {
    const s = await this.scope(conversationId, now);
    if (!s) return null;
    const { prisma, log } = this.deps;
    let cancelled = 0;
    const future = await prisma.booking.findMany({ where: { id: { in: s.bookingIds }, status: { in: HOLDING_STATUSES }, start: { gt: now } }, select: { id: true } });
    for (const b of future) if (await this.deps.cancel(b.id, now)) cancelled++;

    const redact = (text: string) => {
      let out = text;
      for (const v of [...s.names, ...s.emails, ...s.phones]) if (v.length >= 3) out = out.split(v).join("…");
      return out;
    };
    const outcome = await prisma.$transaction(async (tx) => {
      const anonymised = await tx.booking.updateMany({
        where: { id: { in: s.bookingIds } },
        data: { contactName: "", contactEmail: null, contactPhone: null, conversationId: null },
      });
      // Work after those bookings not done yet carries the contact details of the request: it goes too.
      await tx.outbox.deleteMany({ where: { bookingId: { in: s.bookingIds } } });
      await tx.customer.updateMany({
        where: { id: { in: s.customerIds } },
        data: { name: "", email: null, phone: null, notifyChannels: [], originConversationId: null },
      });
      const messages = await tx.message.deleteMany({ where: { conversationId: { in: s.conversationIds } } });
      await tx.processedMessage.deleteMany({ where: { conversationId: { in: s.conversationIds } } });
      const tickets = await tx.ticket.findMany({ where: { conversationId: { in: s.conversationIds } }, select: { id: true } });
      const ticketIds = tickets.map((t) => t.id);
      await tx.ticketMessage.deleteMany({ where: { ticketId: { in: ticketIds }, author: "customer" } });
      await tx.ticket.updateMany({ where: { id: { in: ticketIds } }, data: { customerName: null, description: "" } });
      for (const m of await tx.ticketMessage.findMany({ where: { ticketId: { in: ticketIds } }, select: { id: true, text: true } })) {
        const text = redact(m.text);
        if (text !== m.text) await tx.ticketMessage.update({ where: { id: m.id }, data: { text } });
      }
      await tx.verificationCode.deleteMany({ where: { OR: [{ conversationId: { in: s.conversationIds } }, { target: { in: [...s.phones, ...s.emails] } }] } });
      await tx.proof.deleteMany({ where: { conversationId: { in: s.conversationIds } } });
      await tx.waitlistEntry.deleteMany({ where: waitlistOf(s) });
      for (const o of await tx.optOut.findMany({ where: { phone: { in: s.phones } } })) {
        await tx.optOut.delete({ where: { phone: o.phone } });
        await tx.optOut.upsert({ where: { phone: optOutHash(o.phone) }, create: { phone: optOutHash(o.phone), channel: o.channel, createdAt: o.createdAt }, update: {} });
      }
      const externals = [...s.phones, ...s.phones.map((p) => `whatsapp:${p}`), ...s.emails];
      await tx.$executeRaw`DELETE FROM "OutboundMessage" WHERE address->>'externalId' = ANY(${externals}::text[])`;
      for (const id of s.conversationIds) {
        // A conversation whose own id is a phone number (SMS/WhatsApp) keeps nothing of it.
        await tx.$executeRaw`
          UPDATE "Conversation" SET "customerId" = NULL, "erasedAt" = ${now},
                 "externalId" = CASE WHEN channel IN ('sms', 'whatsapp') THEN 'erased:' || id ELSE "externalId" END,
                 address = CASE WHEN channel IN ('sms', 'whatsapp') THEN jsonb_build_object('channel', channel, 'externalId', 'erased:' || id) ELSE address END
           WHERE id = ${id}`;
      }
      return { bookingsAnonymised: anonymised.count, messagesDeleted: messages.count };
    });
    log.info({ conversations: s.conversationIds.length, bookings: outcome.bookingsAnonymised, cancelled }, "personal data erased");
    return { cancelled, conversations: s.conversationIds.length, ...outcome };
  }
}
