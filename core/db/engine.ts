// Prisma's schema engine compiled to Wasm (@prisma/schema-engine-wasm), driven through the pg driver
// adapter. This is what Prisma's CLI would run natively; the native binary cannot be downloaded here.
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  SqlQueryable,
  SqlResultSet,
} from "@prisma/driver-adapter-utils";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import { poolConfig } from "./client.ts";

type EngineClass = typeof SchemaEngine;
let engineClass: Promise<EngineClass> | undefined;

/** Compiles and instantiates the Wasm module once per process. */
function loadEngineClass(): Promise<EngineClass> {
  engineClass ??= (async () => {
    const require = createRequire(import.meta.url);
    const dir = dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
    const glue = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as WebAssembly.ModuleImports & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
      SchemaEngine: EngineClass;
    };
    const bytes = await readFile(join(dir, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue.SchemaEngine;
  })();
  return engineClass;
}

// The engine reads PostgreSQL's internal `char` type (oid 18) from the catalogs (pg_constraint.contype ...)
// and wants it as a Character column; adapter-pg 7.10 rejects that type ("could not be deserialized").
// Patch an adapter-pg queryable: report `char` fields to the adapter as text, then retag them Character.
const PG_CHAR = 18;
const PG_TEXT = 25;
type PerformIO = (q: SqlQuery) => Promise<{ fields: { dataTypeID: number }[] }>;
function decodeCharColumns<T extends SqlQueryable>(q: T): T {
  const target = q as unknown as { performIO: PerformIO; queryRaw(q: SqlQuery): Promise<SqlResultSet> };
  if (typeof target.performIO !== "function") return q;
  const charCols = new WeakMap<SqlQuery, number[]>();
  const performIO = target.performIO.bind(target);
  target.performIO = async (query) => {
    const res = await performIO(query);
    const cols: number[] = [];
    res.fields.forEach((f, i) => {
      if (f.dataTypeID === PG_CHAR) {
        f.dataTypeID = PG_TEXT;
        cols.push(i);
      }
    });
    if (cols.length) charCols.set(query, cols);
    return res;
  };
  const queryRaw = target.queryRaw.bind(target);
  target.queryRaw = async (query) => {
    const res = await queryRaw(query);
    for (const i of charCols.get(query) ?? []) res.columnTypes[i] = ColumnTypeEnum.Character;
    return res;
  };
  return q;
}

/** Patches an adapter (and the transactions it starts) with {@link decodeCharColumns}. */
export function withCharColumns(adapter: SqlDriverAdapter): SqlDriverAdapter {
  decodeCharColumns(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (level) => decodeCharColumns(await startTransaction(level));
  return adapter;
}

/** Where the engine gets a throwaway ("shadow") database from, when an operation needs one. */
export type ShadowFactory = () => Promise<SqlDriverAdapter>;

/** Options for {@link openEngine}. */
export interface OpenEngineOptions {
  /** The Prisma schema files, [path, content]. */
  datamodels: [string, string][];
  /** Shadow database provider; by default operations needing one fail. */
  shadow?: ShadowFactory;
}

/** A schema engine bound to one database; `close()` ends its connections. */
export interface BoundEngine {
  engine: SchemaEngine;
  close(): Promise<void>;
}

/** Opens the Wasm schema engine on the database at `url` (`?schema=` honoured). */
export async function openEngine(url: string, opts: OpenEngineOptions): Promise<BoundEngine> {
  const Engine = await loadEngineClass();
  const { config, schema } = poolConfig(url, 2);
  const base = new PrismaPg(config, schema ? { schema } : undefined);
  const opened: SqlDriverAdapter[] = [];
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: base.provider,
    adapterName: base.adapterName,
    async connect() {
      const a = withCharColumns(await base.connect());
      opened.push(a);
      return a;
    },
    async connectToShadowDb() {
      if (!opts.shadow) throw new Error("This operation needs a shadow database, and none was configured");
      return withCharColumns(await opts.shadow());
    },
  };
  const logs: string[] = [];
  const engine = await Engine.new(
    { datamodels: opts.datamodels },
    (line: string) => {
      if (logs.length < 50) logs.push(line);
    },
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  return {
    engine,
    async close() {
      engine.free();
      await Promise.all(opened.map((a) => a.dispose().catch(() => {})));
    },
  };
}
