import { expect, test } from "vitest";
import { diffMigrationsToSchema } from "../../prisma/tools/schema-engine.ts";

test("prisma/migrations builds exactly what schema.prisma describes (run `npm run db:migration <name>` if not)", async () => {
  // Prisma's schema engine replays the migrations on a shadow database and diffs it against the schema.
  expect(await diffMigrationsToSchema()).toBe("");
}, 60_000);
