// Set-up shared by test files: one real server per file.
import { afterAll, beforeAll } from "vitest";
import { fixedClock, startTestServer, type TestServer } from "./server.ts";

/**
 * A test server (embedded database, or DATABASE_URL's) with its clock fixed at `now`, started before the
 * file's tests and closed after them. Returns the getter the tests use: `const server = serverAt(NOW)`, then
 * `server().url`.
 */
export function serverAt(now: string, env: Record<string, string> = {}): () => TestServer {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer({ clock: fixedClock(now), env: { RATE_LIMIT_PER_MIN: "1000", ...env } });
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error("the test server has not started");
    return server;
  };
}
