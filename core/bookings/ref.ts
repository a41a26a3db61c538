import { randomInt } from "node:crypto";

const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/** A short booking reference a person can read over the phone: "RZ-7K3P" (no 0/O, 1/I/L). */
export function newBookingRef(): string {
  let s = "";
  for (let i = 0; i < 4; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `RZ-${s}`;
}
