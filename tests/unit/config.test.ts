import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../core/config.ts";

const SECRET = "a-long-random-link-secret-0123456789";

/** The problems loadConfig reports for an environment, or [] when it starts. */
function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe("production configuration checks", () => {
  it("refuses to start in production without LINK_SECRET, and says why", () => {
    const p = problems({ NODE_ENV: "production" });
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^LINK_SECRET is required when NODE_ENV=production/);
    expect(p[0]).toMatch(/calendar links/);
  });

  it("starts in production with LINK_SECRET and Teams off (no MICROSOFT_* variables)", () => {
    expect(problems({ NODE_ENV: "production", LINK_SECRET: SECRET })).toEqual([]);
  });

  it("refuses Teams configured in production without an app id, naming what is set", () => {
    const p = problems({ NODE_ENV: "production", LINK_SECRET: SECRET, MICROSOFT_APP_PASSWORD: "pw", MICROSOFT_APP_TENANT_ID: "tenant" });
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^MICROSOFT_APP_ID is required when NODE_ENV=production/);
    expect(p[0]).toMatch(/MICROSOFT_APP_PASSWORD, MICROSOFT_APP_TENANT_ID set/);
    expect(p[0]).toMatch(/cannot be authenticated/);
  });

  it("refuses an app id without its password in production, and accepts both", () => {
    expect(problems({ NODE_ENV: "production", LINK_SECRET: SECRET, MICROSOFT_APP_ID: "app-id" })).toEqual([
      expect.stringMatching(/^MICROSOFT_APP_PASSWORD is required with MICROSOFT_APP_ID/),
    ]);
    expect(problems({ NODE_ENV: "production", LINK_SECRET: SECRET, MICROSOFT_APP_ID: "app-id", MICROSOFT_APP_PASSWORD: "pw" })).toEqual([]);
  });

  it("lists every production problem at once", () => {
    const p = problems({ NODE_ENV: "production", MICROSOFT_APP_TENANT_ID: "tenant" });
    expect(p.map((x) => x.split(" ")[0])).toEqual(["LINK_SECRET", "MICROSOFT_APP_ID"]);
  });

  it("keeps development and tests free of these rules (random link secret, local Teams without an app id)", () => {
    expect(problems({})).toEqual([]);
    expect(problems({ NODE_ENV: "development", MICROSOFT_APP_PASSWORD: "pw" })).toEqual([]);
    expect(problems({ NODE_ENV: "test" })).toEqual([]);
  });

  it("counts an empty LINK_SECRET as unset and a short one as wrong", () => {
    expect(problems({ NODE_ENV: "production", LINK_SECRET: "   " })[0]).toMatch(/^LINK_SECRET is required/);
    expect(problems({ NODE_ENV: "production", LINK_SECRET: "short" })[0]).toMatch(/^LINK_SECRET/);
  });
});
