import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
    // Test files share their worker's modules instead of importing the app afresh each: no test mocks a
    // module or changes the environment, and each builds its own server, database and clock. Importing
    // was about a third of the suite's time (each pass: 431 s -> 230 s embedded, 367 s -> 217 s PostgreSQL).
    isolate: false,
    reporters: ["default"],
  },
});
