import { defineConfig } from "prisma/config";

// Only `prisma generate` runs through the CLI here (see docs/decisions/002);
// the URL is a placeholder so generation works without a database.
export default defineConfig({
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/placeholder" },
});
