import { randomInt } from "node:crypto";

const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/**
 * Characters after "RZ-". Six give 31^6 ≈ 887 million references: after a million bookings, a new one
 * draws a taken reference about once in 900 tries (and draws again). Four gave 923 521, which a
 * marketplace fills within a few years, with more redraws every month.
 */
const LENGTH = 6;

/** A short booking reference a person can read over the phone: "RZ-7K3PQ9" (no 0/O, 1/I/L). */
export function newBookingRef(): string {
  let s = "";
  for (let i = 0; i < LENGTH; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `RZ-${s}`;
}
