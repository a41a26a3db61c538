import pino, { type Logger } from "pino";

/** Masks a phone number, keeping the last 3 digits: +355691234567 -> +355*******567. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return "";
  const digits = phone.replace(/\D/g, "");
  if (digits.length <= 4) return "***";
  return `${phone.startsWith("+") ? "+" : ""}${digits.slice(0, 3)}${"*".repeat(digits.length - 6)}${digits.slice(-3)}`;
}

/** Masks an email: arta@example.com -> a***@e***.com */
export function maskEmail(email: string | null | undefined): string {
  if (!email) return "";
  const [user, domain = ""] = email.split("@");
  const dot = domain.lastIndexOf(".");
  return `${user.slice(0, 1)}***@${domain.slice(0, 1)}***${dot >= 0 ? domain.slice(dot) : ""}`;
}

/** Replaces phone numbers, emails and bearer tokens inside free text. */
export function redactText(text: string): string {
  return text
    .replace(/[\w.+-]+@[\w-]+\.[\w.-]+/g, (m) => maskEmail(m))
    .replace(/\+?\d[\d ()-]{7,}\d/g, (m) => maskPhone(m))
    .replace(/(bearer\s+)[\w.-]+/gi, "$1[redacted]");
}

const REDACT_PATHS = [
  "phone", "email", "token", "password", "*.phone", "*.email", "*.token", "*.password",
  "req.headers.authorization", "req.headers.cookie", "req.headers['x-twilio-signature']",
  "req.headers['x-telegram-bot-api-secret-token']", "req.headers['x-slack-signature']",
  "req.headers['stripe-signature']", "text", "*.text", "body", "*.body",
];

/** The app's logger: JSON lines, personal data and secrets redacted. */
export function createLogger(level = process.env.LOG_LEVEL ?? "info", destination?: pino.DestinationStream): Logger {
  const options = { level, redact: { paths: REDACT_PATHS, censor: "[redacted]" }, base: undefined };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
