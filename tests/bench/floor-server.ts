// The floor of a turn: a bare fastify + pg server that answers a JSON POST with one upsert into a table
// of its own, in a fresh schema. Whatever Rezervo does per turn costs at least this much.
// Run as a child process: `node --import tsx tests/bench/floor-server.ts` with
//   FLOOR_DB_URL   postgresql://… (the database; the schema is created here)
//   FLOOR_SCHEMA   the fresh schema to create and use
//   PORT           port on 127.0.0.1 (0: any free one)
// Prints `floor listening <url>` on stdout once it answers; SIGTERM closes it.
import Fastify from "fastify";
import pg from "pg";

const dbUrl = process.env.FLOOR_DB_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const schema = process.env.FLOOR_SCHEMA ?? "";
if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`floor-server: FLOOR_SCHEMA must be a plain identifier, got "${schema}"`);

// The same pool size as Rezervo's default (DATABASE_POOL_MAX 10).
const pool = new pg.Pool({ connectionString: dbUrl, max: Number(process.env.DATABASE_POOL_MAX ?? 10), options: `-c search_path=${schema}` });

{
  const c = await pool.connect();
  try {
    await c.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await c.query(`CREATE TABLE IF NOT EXISTS "${schema}".floor_turn (
      session_id text PRIMARY KEY,
      turns integer NOT NULL,
      last_text text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
  } finally {
    c.release();
  }
}

// A plain parameterised query, as a bare server would write it (no named prepared statement).
const UPSERT = {
  text: `INSERT INTO floor_turn (session_id, turns, last_text) VALUES ($1, 1, $2)
         ON CONFLICT (session_id) DO UPDATE SET turns = floor_turn.turns + 1, last_text = EXCLUDED.last_text, updated_at = now()
         RETURNING turns`,
};

const app = Fastify({ logger: false });
app.post<{ Body: { session?: string; text?: string } }>("/turn", async (req, reply) => {
  const session = String(req.body?.session ?? "");
  const text = String(req.body?.text ?? "");
  if (!session) return reply.code(400).send({ error: "session required" });
  const { rows } = await pool.query<{ turns: number }>({ ...UPSERT, values: [session, text] });
  return { replies: [{ text: `ok ${rows[0].turns}` }] };
});

const address = await app.listen({ host: "127.0.0.1", port: Number(process.env.PORT ?? 0) });
process.stdout.write(`floor listening ${address}\n`);

const stop = async () => {
  setTimeout(() => process.exit(1), 5_000).unref();
  await app.close();
  await pool.end();
  process.exit(0);
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
