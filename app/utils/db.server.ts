import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "~/generated/prisma/client.ts";
import { Admission, transactionConcurrency } from "./admission.server.ts";
import { env } from "./env.server.ts";
import { readMigrations } from "./migrate.server.ts";
import { emptyClusterTemplate, isEmptyCluster, schemaTemplate } from "./pglite-template.server.ts";

export type { Prisma } from "~/generated/prisma/client.ts";
export { PrismaClient };

/** What the migration runner needs of a connection: plain SQL, scripts and transactions. */
export interface SqlSession {
  /**
   * `name` makes it a prepared statement on PostgreSQL: planned once per connection instead of at every call
   * (for a hot statement whose planning costs more than its execution; PGlite plans each time).
   */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], options?: { name?: string }): Promise<T[]>;
  exec(script: string): Promise<void>;
}
export interface SqlClient extends SqlSession {
  /** One connection for the whole callback (session-level advisory locks need it). */
  withConnection<T>(
    fn: (connection: SqlSession & { transaction<R>(fn: (tx: SqlSession) => Promise<R>): Promise<R> }) => Promise<T>,
  ): Promise<T>;
}

export interface Database {
  kind: "pglite" | "postgres";
  prisma: PrismaClient;
  /** The driver adapter Prisma uses; Prisma's schema engine can connect through it too. */
  adapter: SqlMigrationAwareDriverAdapterFactory;
  sql: SqlClient;
  close(): Promise<void>;
}

export type DatabaseOptions = {
  url?: string;
  dataDir?: string;
  poolSize?: number;
  /**
   * A new embedded database starts with the migrations of this checkout applied when the installation made
   * that template (docs/decisions/022-pglite-schema-template.md); false: from the empty cluster.
   */
  migratedTemplate?: boolean;
};

/**
 * Prisma's limits for an interactive transaction once it is its turn (docs/decisions/018-pool-and-admission.md):
 * the wait for a free connection (`maxWait`, Prisma's default 2 s made a busy server answer 500) and the
 * transaction's own run. The queue in front (`gateTransactions`) has no time limit.
 */
export const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 } as const;

/**
 * Transactions take their turn: at most `concurrency` run at once, the others wait first come, first served,
 * without a timeout, so that a burst (a council voting at once, racing approvals) queues instead of failing
 * with "Unable to start a transaction in the given time".
 */
function gateTransactions(prisma: PrismaClient, concurrency: number): PrismaClient {
  const gate = new Admission({ concurrency, queueLimit: Infinity, maxWaitMs: Infinity });
  const transaction = prisma.$transaction.bind(prisma) as (...args: unknown[]) => Promise<unknown>;
  Object.defineProperty(prisma, "$transaction", {
    configurable: true,
    value: (...args: unknown[]) => gate.run(() => transaction(...args)),
  });
  return prisma;
}

/** An embedded PGlite in `dataDir` when there is no `url`, else a pool to the PostgreSQL server. */
export function openDatabase({ url, dataDir = "./data", poolSize = 10, migratedTemplate = true }: DatabaseOptions): Database {
  return url ? openPostgres(url, poolSize) : openPGlite(dataDir, migratedTemplate);
}

function openPostgres(url: string, poolSize: number): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection dropped by the server (restart, failover) must not crash the process;
  // the pool replaces it on the next query.
  pool.on("error", (error) => console.warn(`PostgreSQL: kết nối nhàn rỗi bị đóng (${error.message})`));
  const adapter = new PrismaPg(pool);
  const prisma = gateTransactions(
    new PrismaClient({ adapter, transactionOptions: TRANSACTION_OPTIONS }),
    transactionConcurrency("postgres", poolSize),
  );
  const session = (client: pg.Pool | pg.PoolClient): SqlSession => ({
    query: async (sql, params, options) => (await client.query({ text: sql, values: params, name: options?.name })).rows,
    exec: async (script) => void (await client.query(script)),
  });
  return {
    kind: "postgres",
    prisma,
    adapter,
    sql: {
      ...session(pool),
      async withConnection(fn) {
        const client = await pool.connect();
        try {
          return await fn({
            ...session(client),
            async transaction(body) {
              await client.query("BEGIN");
              try {
                const result = await body(session(client));
                await client.query("COMMIT");
                return result;
              } catch (error) {
                await client.query("ROLLBACK");
                throw error;
              }
            },
          });
        } finally {
          client.release();
        }
      },
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/** Every embedded database has the extensions the migrations create (the server has them as contrib). */
export function newPGlite(dataDir?: string, loadDataDir?: Blob): PGlite {
  // pg_trgm: the trigram indexes of the tone-insensitive search (app/utils/search.ts).
  // loadDataDir: a tarball of dumpDataDir, unpacked into an empty dataDir (npm run restore); otherwise an empty
  // folder gets the installation's empty cluster rather than running initdb (app/utils/pglite-template.server.ts).
  const tarball = loadDataDir ?? (isEmptyCluster(dataDir ?? "memory://") ? emptyClusterTemplate() : undefined);
  return new PGlite(dataDir, { extensions: { pg_trgm }, ...(tarball ? { loadDataDir: tarball } : {}) });
}

/** Plain SQL on a PGlite (the migration runner's client). */
export function pgliteSqlClient(pglite: PGlite): SqlClient {
  const session = (client: Pick<PGlite, "query" | "exec">): SqlSession => ({
    query: async <T>(sql: string, params?: unknown[]) => (await client.query<T>(sql, params)).rows,
    exec: async (script: string) => void (await client.exec(script)),
  });
  return {
    ...session(pglite),
    // PGlite is a single connection already.
    withConnection: (fn) => fn({ ...session(pglite), transaction: (body) => pglite.transaction((tx) => body(session(tx))) }),
  };
}

/** Prisma's PGlite adapter, whose shadow database (for Prisma's schema engine) has the extensions too. */
export class PGliteAdapterFactory extends PrismaPGlite {
  override connectToShadowDb() {
    return new PrismaPGlite(newPGlite("memory://shadow")).connect();
  }
}

function openPGlite(dataDir: string, migratedTemplate: boolean): Database {
  const inMemory = dataDir.startsWith("memory://");
  const dir = inMemory ? dataDir : path.resolve(dataDir, "pglite");
  if (!inMemory) mkdirSync(dir, { recursive: true });
  const pglite = newPGlite(dir, migratedTemplate && isEmptyCluster(dir) ? schemaTemplate(readMigrations()) : undefined);
  const adapter = new PGliteAdapterFactory(pglite);
  const prisma = gateTransactions(
    new PrismaClient({ adapter, transactionOptions: TRANSACTION_OPTIONS }),
    transactionConcurrency("pglite", 1),
  );
  return {
    kind: "pglite",
    prisma,
    adapter,
    sql: pgliteSqlClient(pglite),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

// One database per process, shared by the server entry and the Remix build
// (each has its own copy of this module) and kept across dev rebuilds.
const globalKey = Symbol.for("thi-dua-khen-thuong.database");
type GlobalWithDatabase = typeof globalThis & { [globalKey]?: Database };

export function database(): Database {
  const global = globalThis as GlobalWithDatabase;
  global[globalKey] ??= openDatabase({ url: env().DATABASE_URL, dataDir: env().DATA_DIR, poolSize: env().DATABASE_POOL_SIZE });
  return global[globalKey];
}

/** Tests and tools bring their own database. */
export function useDatabase(db: Database | undefined): void {
  (globalThis as GlobalWithDatabase)[globalKey] = db;
}

/** The Prisma client of the process's database. */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, key) {
    const client = database().prisma;
    const value = Reflect.get(client, key, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

/** `SELECT 1` through Prisma: whether the database answers (the health check). */
export async function pingDatabase(): Promise<void> {
  await prisma.$queryRaw`SELECT 1`;
}
