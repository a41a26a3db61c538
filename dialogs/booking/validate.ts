import { parsePhoneNumberFromString } from "libphonenumber-js";
import { z } from "zod";

const NAME = /^[\p{L}][\p{L}\p{M}' .-]*$/u;

/** A person's name: 1-4 words of letters (with apostrophes, dots and hyphens), 2-80 characters. */
export function validName(text: string): string | null {
  const name = text.trim().replace(/\s+/g, " ");
  if (name.length < 2 || name.length > 80 || !NAME.test(name)) return null;
  if (name.split(" ").length > 4 || name.split(" ").some((w) => !/\p{L}/u.test(w))) return null;
  if ((name.match(/\p{L}/gu) ?? []).length < 2) return null;
  return name;
}

/**
 * Written as a name: 2-4 words, each with a capital and a vowel ("Jonida Cani"), not keyboard mashing
 * ("qwxz zzkq") nor an answer in lower case.
 */
export function looksLikeName(name: string): boolean {
  const words = name.trim().split(/\s+/);
  return words.length >= 2 && words.every((w) => /^\p{Lu}/u.test(w) && /[aeiouyëAEIOUYË]/.test(w));
}

const Email = z.string().email();

/** An email address, lowercased, or null. */
export function validEmail(text: string): string | null {
  const email = text.trim().toLowerCase();
  return email.length <= 254 && Email.safeParse(email).success ? email : null;
}

/** A phone number in E.164, Albanian numbers by default ("069 123 4567" -> "+355691234567"). */
export function validPhone(text: string): string | null {
  const cleaned = text.trim().replace(/^00/, "+");
  if (!/^[+\d][\d\s().-]{5,24}$/.test(cleaned)) return null;
  const parsed = parsePhoneNumberFromString(cleaned, "AL");
  return parsed && parsed.isValid() ? parsed.number : null;
}
