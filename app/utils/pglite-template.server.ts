// An empty embedded cluster, made once per installation and unpacked into every new embedded database.
// PGlite runs initdb in WebAssembly when it opens an empty data folder: most of a cold start (≈ 9 s of 13 s on a
// loaded 2-core machine) and the same again for every test database. Unpacking the tarball of a cluster fresh from
// initdb takes about a second (docs/decisions/021-pglite-template.md).
//
// The tarball lives beside the PGlite it was made with (node_modules/.cache/…/pglite-<version>.tar.gz): installing
// another PGlite makes another one, and `npm ci` starts without one. `npm install` makes it (postinstall), and so do
// `npm test` and the server when it is missing; without it a database is made by initdb as before.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { Migration } from "./migrate.server.ts";

function pgliteInstallation(): { dir: string; version: string } {
  // ".../node_modules/@electric-sql/pglite/dist/index.js" → the package folder (its package.json is not exported).
  const entry = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  let dir = path.dirname(entry);
  while (!existsSync(path.join(dir, "package.json"))) dir = path.dirname(dir);
  const { version } = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string };
  return { dir, version };
}

/** Where this installation keeps its template. */
export function templateFile(): string {
  const { dir, version } = pgliteInstallation();
  // dir = <node_modules>/@electric-sql/pglite
  return path.join(dir, "..", "..", ".cache", "thi-dua-khen-thuong", `pglite-${version}.tar.gz`);
}

let cached: Blob | null | undefined;

/** The template as PGlite's `loadDataDir` takes it, or undefined when there is none yet. */
export function emptyClusterTemplate(): Blob | undefined {
  if (cached === undefined) {
    const file = templateFile();
    cached = existsSync(file) ? new Blob([readFileSync(file)]) : null;
  }
  return cached ?? undefined;
}

/** Whether a PGlite data folder holds no cluster yet (PGlite would run initdb in it). */
export function isEmptyCluster(dataDir: string): boolean {
  return dataDir.startsWith("memory://") || !existsSync(path.join(dataDir, "PG_VERSION"));
}

/** Makes the template if this installation has none. Safe to run from several processes at once. */
export async function ensureEmptyClusterTemplate(): Promise<{ file: string; made: boolean }> {
  const file = templateFile();
  if (existsSync(file)) return { file, made: false };
  const pglite = await PGlite.create("memory://");
  try {
    const tarball = await pglite.dumpDataDir("gzip");
    mkdirSync(path.dirname(file), { recursive: true });
    // Written aside, then renamed: a process reading it never sees half a file.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await tarball.arrayBuffer()));
    renameSync(partial, file);
  } finally {
    await pglite.close();
  }
  cached = undefined;
  return { file, made: true };
}

// ─── The same cluster with the migrations applied (docs/decisions/022-pglite-schema-template.md) ───

/** The template of a cluster with exactly these migrations applied: named by their names and checksums. */
export function schemaTemplateFile(migrations: Migration[]): string {
  const key = createHash("sha256")
    .update(migrations.map((migration) => `${migration.name}:${migration.checksum}`).join("\n"))
    .digest("hex")
    .slice(0, 16);
  return templateFile().replace(/\.tar\.gz$/, `-schema-${key}.tar.gz`);
}

const schemaCache = new Map<string, Blob | null>();

/** That template as `loadDataDir` takes it, or undefined when it was not made for these migrations. */
export function schemaTemplate(migrations: Migration[]): Blob | undefined {
  const file = schemaTemplateFile(migrations);
  if (!schemaCache.has(file)) schemaCache.set(file, existsSync(file) ? new Blob([readFileSync(file)]) : null);
  return schemaCache.get(file) ?? undefined;
}

/** Writes a template made by `make` (the tarball of a migrated cluster) unless it exists. Safe from several processes. */
export async function ensureSchemaTemplate(migrations: Migration[], make: () => Promise<Blob>): Promise<{ file: string; made: boolean }> {
  const file = schemaTemplateFile(migrations);
  if (existsSync(file)) return { file, made: false };
  const tarball = await make();
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(await tarball.arrayBuffer()));
  renameSync(partial, file);
  schemaCache.delete(file);
  return { file, made: true };
}
