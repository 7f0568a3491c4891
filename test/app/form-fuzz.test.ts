/// <reference types="vite/client" />
// Property-based fuzzing of every form action (issue 14, finding 8): arbitrary fields — NUL and control
// characters, huge and odd Unicode strings, duplicated fields, wrong types, bodies that are not forms —
// posted by every role and by nobody, to every route file that has an action. Each answer must be below
// 500, and a refusal (4xx) must leave the database as it was. Request level: each case goes through what
// the server puts in front of an action (app/utils/body-limit.server.ts, app/utils/form-guard.server.ts).
import type { ActionFunctionArgs } from "@remix-run/node";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { Prisma } from "~/generated/prisma/client.ts";
import { createSession } from "~/utils/auth.server.ts";
import { judgeBody } from "~/utils/body-limit.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { guardAction } from "~/utils/form-guard.server.ts";
import { prepareDatabase } from "~/utils/startup.server.ts";
import { DEMO_USERS } from "../../prisma/seed.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { advanceDemoCommune } from "../support/demo-flow.ts";

type ActionFn = (args: ActionFunctionArgs) => unknown;
const modules = import.meta.glob<{ action?: ActionFn }>("../../app/routes/*.tsx", { eager: true });
const sources = import.meta.glob<string>(["../../app/routes/*.tsx", "../../app/forms/*.ts"], {
  eager: true,
  query: "?raw",
  import: "default",
});

/** "ho-so.$dossierId_.in[.]pdf.tsx" → "/ho-so/:dossierId/in.pdf" (Remix v2 flat routes). */
function pathOf(file: string): string {
  const name = file.replace(/^.*\/routes\//, "").replace(/\.tsx$/, "");
  const segments = name
    .replace(/\[\.\]/g, "[dot]")
    .split(".")
    .map((segment) => segment.replaceAll("[dot]", ".").replace(/_$/, ""))
    .filter((segment) => segment !== "_index")
    .map((segment) => (segment.startsWith("$") ? `:${segment.slice(1)}` : segment));
  return `/${segments.join("/")}`;
}

const ACTION_ROUTES = Object.entries(modules)
  .filter(([, module]) => typeof module.action === "function")
  .map(([file, module]) => ({ file, path: pathOf(file), action: guardAction(module.action!), source: sources[file] ?? "" }));

// Field names and intents the app's forms use: the fuzz mixes them with arbitrary ones.
const ALL_SOURCE = Object.values(sources).join("\n");
const FIELD_NAMES = [
  ...new Set([
    ...[...ALL_SOURCE.matchAll(/name="([\w.[\]-]+)"/g)].map((m) => m[1]!),
    ...[...ALL_SOURCE.matchAll(/^\s+(\w+): (?:z\.|vn[A-Z]|requiredReason|dossierVersion|dossierId)/gm)].map((m) => m[1]!),
    "intent",
    "version",
    "reason",
  ]),
];
const INTENTS = [...new Set([...ALL_SOURCE.matchAll(/(?:intent|value)[=:] ?(?:\{?)"([a-z][\w-]*)"/g)].map((m) => m[1]!))];

// What a case counts as the database's content: every table of the schema (so a new one cannot be
// forgotten), except those a refused request writes by design: the fuzz makes sessions, a refused sign-in is
// recorded, and the chain heads and counters only move with the rows counted here.
const NOT_COUNTED = new Set(["Session", "LoginAttempt", "AuditChain", "DocumentCounter"]);
const TABLES = Object.values(Prisma.ModelName).filter((model) => !NOT_COUNTED.has(model));

// One query (the fuzz takes a snapshot before and after each case): row counts, and the version or
// timestamp of rows edited in place (a dossier's state, a movement, an account).
const SNAPSHOT_SQL = `SELECT row_to_json(t)::text AS snapshot FROM (SELECT ${[
  ...TABLES.map((table) => `(SELECT count(*) FROM "${table}") AS "${table}"`),
  `(SELECT sum(version) FROM "Dossier") AS "dossierVersions"`,
  `(SELECT max("updatedAt") FROM "Movement") AS "movements"`,
  `(SELECT max("updatedAt") FROM "User") AS "users"`,
].join(", ")}) t`;

async function snapshot(): Promise<string> {
  const rows = await prisma.$queryRawUnsafe<Array<{ snapshot: string }>>(SNAPSHOT_SQL);
  return rows[0]!.snapshot;
}

let db: TestDatabase;
let ids: Record<string, string[]>;
let userIds: string[];

beforeAll(async () => {
  db = await createTestDatabase({ migrated: false });
  await prepareDatabase(db, { demoData: true });
  await advanceDemoCommune();
  const pick = async (rows: Promise<Array<{ id: string }>>) => (await rows).map((row) => row.id);
  ids = {
    dossierId: await pick(prisma.dossier.findMany({ select: { id: true } })),
    movementId: await pick(prisma.movement.findMany({ select: { id: true } })),
    sessionId: await pick(prisma.votingSession.findMany({ select: { id: true } })),
    decisionId: await pick(prisma.awardDecision.findMany({ select: { id: true } })),
    certificateId: await pick(prisma.certificate.findMany({ select: { id: true } })),
    personId: await pick(prisma.person.findMany({ select: { id: true }, take: 5 })),
    unitId: await pick(prisma.orgUnit.findMany({ select: { id: true } })),
    userId: await pick(prisma.user.findMany({ select: { id: true } })),
    attachmentId: await pick(prisma.attachment.findMany({ select: { id: true } })),
    serial: (await prisma.certificate.findMany({ select: { serial: true } })).map((c) => c.serial),
  };
  userIds = (await prisma.user.findMany({ where: { username: { in: DEMO_USERS.map((u) => u.username) } }, select: { id: true } })).map(
    (u) => u.id,
  );
}, 300_000);

afterAll(async () => {
  await db?.destroy();
});

const CONTROL = fc.constantFrom(
  "\u0000",
  "\u0001",
  "\u0007",
  "\u0008",
  "\u000b",
  "\u000c",
  "\u001b",
  "\u007f",
  "\u0085",
  "\u009f",
  "\t",
  "\r\n",
);
const ODD = fc.constantFrom(
  "\u202e",
  "\u200b",
  "\ufeff",
  "\ud800",
  "\udfff",
  "😀",
  "ệ",
  "e\u0302\u0323",
  "<script>",
  "'",
  '"',
  "%00",
  "\\",
  "/",
  "{}",
  "[]",
);

function values(): fc.Arbitrary<string> {
  const id = fc.constantFrom(...Object.values(ids).flat(), "x", "cm0000000000000000000000");
  return fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: fc.oneof(CONTROL, ODD, fc.constantFrom("a", " ", "1")), maxLength: 30 }),
    fc.string({ unit: "binary", maxLength: 30 }),
    fc.constantFrom(
      "",
      " ",
      "\u0000",
      "\u0001\u0002\u0003",
      " \t\u200b\u0007 ",
      "99,6",
      "1.334",
      "-1",
      "1e309",
      "NaN",
      "03/04/2023",
      "31/02/2023",
    ),
    fc.integer().map(String),
    fc.constantFrom(...INTENTS, "khong-ton-tai"),
    id,
    fc.nat({ max: 3 }).map((n) => "ậ".repeat([10_001, 70_000, 200_000, 400_000][n]!)),
  );
}

type Body = { kind: "form" | "multipart" | "json" | "text"; fields: Array<[string, string]> };

function bodies(): fc.Arbitrary<Body> {
  const name = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FIELD_NAMES) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
  return fc.record({
    kind: fc.oneof(
      { weight: 8, arbitrary: fc.constant("form" as const) },
      { weight: 1, arbitrary: fc.constantFrom("multipart" as const, "json" as const, "text" as const) },
    ),
    fields: fc.array(fc.tuple(name, values()), { maxLength: 14 }),
  });
}

function requestFor(path: string, body: Body, cookie: string | null): Request {
  const headers = new Headers();
  if (cookie) headers.set("Cookie", cookie);
  let payload: BodyInit;
  if (body.kind === "multipart") {
    const form = new FormData();
    for (const [name, value] of body.fields) form.append(name, value);
    payload = form;
  } else if (body.kind === "json") {
    headers.set("Content-Type", "application/json");
    payload = JSON.stringify(Object.fromEntries(body.fields));
  } else if (body.kind === "text") {
    headers.set("Content-Type", "text/plain");
    payload = body.fields.map(([n, v]) => `${n}=${v}`).join("\n");
  } else {
    headers.set("Content-Type", "application/x-www-form-urlencoded");
    payload = new URLSearchParams(body.fields).toString();
  }
  return new Request(new URL(path, "http://localhost"), { method: "POST", headers, body: payload });
}

/** The status an action's outcome is answered with. */
async function statusOf(run: () => unknown): Promise<number> {
  try {
    const result = await run();
    if (result instanceof Response) return result.status;
    const init = (result as { init?: { status?: number } } | null)?.init;
    return init?.status ?? 200;
  } catch (error) {
    if (error instanceof Response) return error.status;
    return 500;
  }
}

const CASES_PER_ROUTE = Number(process.env.FUZZ_CASES_PER_ROUTE ?? 8);
const tally = { cases: 0, fiveHundreds: 0, refused: 0, refusedChanged: 0 };

describe(`fuzzing every form action on ${process.env.TEST_DB}`, () => {
  test("every route file with an action is found", () => {
    expect(ACTION_ROUTES.length).toBeGreaterThan(25);
    expect(ACTION_ROUTES.map((r) => r.path)).toContain("/ho-so/:dossierId/bao-cao");
  });

  test.each(ACTION_ROUTES.map((route) => [route.path, route] as const))(
    "%s: no 5xx, and a refusal changes nothing",
    async (_path, route) => {
      const failures: string[] = [];
      await fc.assert(
        fc.asyncProperty(
          bodies(),
          fc.option(fc.constantFrom(...userIds), { nil: null, freq: 6 }),
          fc.infiniteStream(fc.nat()),
          async (body, userId, choices) => {
            const params: Record<string, string> = {};
            const iterator = choices[Symbol.iterator]();
            const path = route.path.replace(/:(\w+)/g, (_m, param: string) => {
              const options = ids[param] ?? ["x"];
              const value = options[iterator.next().value! % options.length] ?? "x";
              params[param] = value;
              return value;
            });
            const cookie = userId ? (await createSession(userId)).split(";")[0]! : null;
            const request = requestFor(path, body, cookie);
            const before = await snapshot();
            // What the server does before an action: refuse from the headers, then the guarded action.
            const length = request.body ? (await request.clone().arrayBuffer()).byteLength : 0;
            const edge = judgeBody("POST", {
              "content-type": request.headers.get("Content-Type") ?? undefined,
              "content-length": String(length),
            });
            const status = edge.ok
              ? await statusOf(() => route.action({ request, params, context: { clientIp: "203.0.113.7" } }))
              : edge.status;
            tally.cases++;
            if (status >= 500) {
              tally.fiveHundreds++;
              failures.push(`${status} for ${JSON.stringify(body).slice(0, 300)}`);
            }
            if (status >= 400) {
              tally.refused++;
              const after = await snapshot();
              if (after !== before) {
                tally.refusedChanged++;
                failures.push(`${status} changed the database for ${JSON.stringify(body).slice(0, 300)}:\n${before}\n${after}`);
              }
            }
            return true;
          },
        ),
        { numRuns: CASES_PER_ROUTE, seed: Number(process.env.FUZZ_SEED ?? 20261129), endOnFailure: true },
      );
      expect(failures).toEqual([]);
    },
    180_000,
  );

  afterAll(() => {
    console.log(
      `Fuzz: ${tally.cases} cases on ${ACTION_ROUTES.length} actions; ${tally.refused} refused; 5xx: ${tally.fiveHundreds}; refusals that changed the database: ${tally.refusedChanged}.`,
    );
  });
});
