// Ids for rows the app inserts with its own SQL, in the shape of Prisma's cuid() default used by the
// same tables: "c" and 24 lower-case letters or digits (short enough for Telegram's 64-byte buttons).
import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/** A new random row id (124 random bits). */
export function newRowId(): string {
  const bytes = randomBytes(24);
  let s = "c";
  // Bytes of 252 and above (252 = 7 x 36) are drawn again, so every character is equally likely.
  for (let i = 0; i < 24; i++) {
    let b = bytes[i]!;
    while (b >= 252) b = randomBytes(1)[0]!;
    s += ALPHABET[b % 36];
  }
  return s;
}
