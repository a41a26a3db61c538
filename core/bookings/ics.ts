import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** What a calendar file needs about a booking. */
export interface IcsBooking {
  id: string;
  ref: string;
  start: Date;
  end: Date;
  status: string;
  title: string;
  location: string;
  description: string;
  updatedAt: Date;
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");

/** Escapes text for an iCalendar property value (RFC 5545 3.3.11). */
function esc(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

/** Folds a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 sequence. */
function fold(line: string): string {
  const out: string[] = [];
  let cur = "";
  let bytes = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > (out.length ? 74 : 75)) {
      out.push(cur);
      cur = "";
      bytes = 0;
    }
    cur += ch;
    bytes += n;
  }
  out.push(cur);
  return out.join("\r\n ");
}

/** An iCalendar file with one event (UTC times; a cancelled booking gives STATUS:CANCELLED). */
export function bookingIcs(b: IcsBooking): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Rezervo//Rezervo bot//SQ",
    "CALSCALE:GREGORIAN",
    `METHOD:${b.status === "cancelled" ? "CANCEL" : "PUBLISH"}`,
    "BEGIN:VEVENT",
    `UID:${b.id}@rezervo.al`,
    `SEQUENCE:${Math.floor(b.updatedAt.getTime() / 1000) % 2_000_000_000}`,
    `DTSTAMP:${stamp(b.updatedAt)}`,
    `DTSTART:${stamp(b.start)}`,
    `DTEND:${stamp(b.end)}`,
    `SUMMARY:${esc(b.title)}`,
    `LOCATION:${esc(b.location)}`,
    `DESCRIPTION:${esc(b.description)}`,
    `STATUS:${b.status === "cancelled" ? "CANCELLED" : "CONFIRMED"}`,
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(fold).join("\r\n") + "\r\n";
}

/**
 * Unguessable, expiring tokens for calendar links: "<expiry in base36 seconds>.<HMAC of booking id and
 * expiry>" with the app's LINK_SECRET. Without a configured secret a random one is made per process
 * (links then stop working after a restart; production refuses to start without one).
 */
export class LinkSigner {
  private readonly key: Buffer;
  readonly ephemeral: boolean;
  constructor(secret?: string) {
    this.ephemeral = !secret;
    this.key = secret ? Buffer.from(secret, "utf8") : randomBytes(32);
  }

  private mac(bookingId: string, exp: string): string {
    return createHmac("sha256", this.key).update(`ics:${bookingId}:${exp}`).digest("base64url").slice(0, 32);
  }

  /** A token for a booking that works until `expiresAt`. */
  sign(bookingId: string, expiresAt: Date): string {
    const exp = Math.ceil(expiresAt.getTime() / 1000).toString(36);
    return `${exp}.${this.mac(bookingId, exp)}`;
  }

  /** True when the token was made for this booking and has not expired. */
  verify(bookingId: string, token: string, now: Date): boolean {
    const [exp, mac] = token.split(".", 2);
    if (!exp || !mac || !/^[0-9a-z]{1,12}$/.test(exp)) return false;
    const want = Buffer.from(this.mac(bookingId, exp));
    const got = Buffer.from(mac);
    if (want.length !== got.length || !timingSafeEqual(want, got)) return false;
    return parseInt(exp, 36) * 1000 > now.getTime();
  }
}

/** How long after the appointment starts a calendar link keeps working. */
export const LINK_GRACE_MS = 30 * 86_400_000;
