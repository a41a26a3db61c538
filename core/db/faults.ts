// Telling a lost or unreachable database connection apart from every other error. Such an error means
// the statement may not have run at all (or ran and its answer was lost); the turn can be run again.

/** SQLSTATEs of a connection that went away: class 08 (connection exception), 57P01-57P03 (shutdown). */
const CONNECTION_SQLSTATE = /^(08...|57P0[123]|53300)$/;
/** Prisma's codes for an unreachable server, a closed connection, a pool or transaction-start timeout. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);
/** Driver adapter error kinds for the same. */
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TlsConnectionError"]);
const NODE_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "ENOTCONN", "EHOSTUNREACH", "ECONNABORTED"]);
const MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|server closed the connection|Connection closed|not queryable|terminating connection/i;

type Err = {
  code?: unknown;
  kind?: unknown;
  originalCode?: unknown;
  message?: unknown;
  cause?: unknown;
  error?: unknown;
  meta?: { driverAdapterError?: unknown; code?: unknown };
};

/** True when `err` (or anything it wraps) is a connection-level database failure. */
export function isConnectionError(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== "object" || depth > 6) return false;
  const e = err as Err;
  const code = typeof e.code === "string" ? e.code : "";
  if (CONNECTION_SQLSTATE.test(code) || PRISMA_CODES.has(code) || NODE_CODES.has(code)) return true;
  if (typeof e.originalCode === "string" && CONNECTION_SQLSTATE.test(e.originalCode)) return true;
  if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return true;
  if (typeof e.message === "string" && MESSAGES.test(e.message)) return true;
  return [e.cause, e.error, e.meta?.driverAdapterError].some((inner) => isConnectionError(inner, depth + 1));
}

/**
 * The database could not be reached for this work (after a retry): the caller should answer "try again
 * shortly" (HTTP 503 with Retry-After), never an internal error. `lang` is the customer's language when
 * it was known before the connection failed.
 */
export class DatabaseUnavailableError extends Error {
  readonly statusCode = 503;
  constructor(readonly lang?: "sq" | "en", options?: { cause?: unknown }) {
    super("database unavailable", options);
    this.name = "DatabaseUnavailableError";
  }
}

/** Seconds a client is asked to wait before trying again after a 503. */
export const RETRY_AFTER_SEC = 5;
