import type { FastifyInstance } from "fastify";

/**
 * The demo page's Content-Security-Policy: scripts only from this origin (the page has no inline script;
 * the widget is /widget.js), API calls and the live WebSocket only to this origin, no plugins, no framing.
 * Styles may be inline: the page's own <style> and the widget's stylesheet inside its shadow root.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** For the widget script itself: nothing may run or load if the file is ever opened as a document. */
export const SCRIPT_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * Headers on every answer: no MIME sniffing (a JSON or text answer is never run as a script or page) and
 * no Referer sent from our pages. The page and the widget script add their own Content-Security-Policy;
 * CORS is only on the chat API (allowWidgetOrigins in webchat/live.ts), never on pages or webhooks.
 */
export function addSecurityHeaders(app: FastifyInstance): void {
  app.addHook("onRequest", async (_req, reply) => {
    reply.header("x-content-type-options", "nosniff").header("referrer-policy", "no-referrer");
  });
}
