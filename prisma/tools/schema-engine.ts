// Prisma's own schema engine, in its WebAssembly build, driven from Node.
// The CLI's `migrate` commands need a native binary downloaded at run time,
// which this project cannot rely on (docs/decisions/002-offline-migrations.md).
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type * as Engine from "@prisma/schema-engine-wasm";
import { PGliteAdapterFactory, newPGlite } from "../../app/utils/db.server.ts";

export const PRISMA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SCHEMA_PATH = path.join(PRISMA_DIR, "schema.prisma");
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, "migrations");

type EngineModule = typeof Engine & { __wbg_set_wasm(exports: WebAssembly.Exports): void };

let enginePromise: Promise<EngineModule> | undefined;

// The package entry imports the .wasm as an ES module, which Node 20 cannot:
// instantiate it by hand with the bindings file as its import object.
function loadEngineModule(): Promise<EngineModule> {
  enginePromise ??= (async () => {
    const require = createRequire(import.meta.url);
    const bindingsPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bindings = (await import(pathToFileURL(bindingsPath).href)) as EngineModule;
    const wasm = new WebAssembly.Module(readFileSync(bindingsPath.replace(/\.js$/, ".wasm")));
    const instance = new WebAssembly.Instance(wasm, { "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings;
  })();
  return enginePromise;
}

export function readSchema(): Engine.SchemaContainer {
  return { path: "schema.prisma", content: readFileSync(SCHEMA_PATH, "utf8") };
}

/** The migrations folder in the shape the engine reads it. */
export function readMigrationsList(dir = MIGRATIONS_DIR): Engine.MigrationList {
  const lockPath = path.join(dir, "migration_lock.toml");
  const directories = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: directories.map((name) => {
      const file = path.join(dir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: existsSync(file)
            ? { tag: "ok" as const, value: readFileSync(file, "utf8") }
            : { tag: "error" as const, value: `${file} is missing` },
        },
      };
    }),
  };
}

const noFilter: Engine.SchemaFilter = { externalTables: [], externalEnums: [] };

/**
 * Runs `fn` with an engine connected through a driver adapter.
 * Without one, an in-memory PGlite serves (and as the shadow database for diffs).
 */
export async function withSchemaEngine<T>(
  fn: (engine: Engine.SchemaEngine) => Promise<T>,
  adapterFactory: SqlMigrationAwareDriverAdapterFactory = new PGliteAdapterFactory(newPGlite()),
): Promise<T> {
  const { SchemaEngine } = await loadEngineModule();
  const logs: string[] = [];
  const engine = await SchemaEngine.new(
    { datamodels: [[readSchema().path, readSchema().content]] },
    (line: string) => logs.push(line),
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
  try {
    return await fn(engine);
  } finally {
    engine.free();
  }
}

/** SQL that takes a database built by the migrations folder to `schema.prisma`; "" when they agree. */
export async function diffMigrationsToSchema(migrations = readMigrationsList()): Promise<string> {
  return withSchemaEngine(async (engine) => {
    const result = await engine.diff({
      from: { tag: "migrations", ...migrations },
      to: { tag: "schemaDatamodel", files: [readSchema()] },
      script: true,
      exitCode: null,
      filters: noFilter,
    });
    return normaliseScript(result.stdout ?? "");
  });
}

// The engine says "-- This is an empty migration." when nothing differs.
function normaliseScript(script: string): string {
  return script.replace(/^-- This is an empty migration\.\s*$/m, "").trim();
}

/** What Prisma's own engine reports about a live database and the migrations folder. */
export async function diagnoseDatabase(adapterFactory: SqlMigrationAwareDriverAdapterFactory) {
  return withSchemaEngine(
    (engine) => engine.diagnoseMigrationHistory({ migrationsList: readMigrationsList(), optInToShadowDatabase: false, filters: noFilter }),
    adapterFactory,
  );
}
