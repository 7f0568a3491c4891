import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const alias = {
  "~": fileURLToPath(new URL("../app", import.meta.url)),
  "#machines": fileURLToPath(new URL("../machines", import.meta.url)),
  "#emails": fileURLToPath(new URL("../emails", import.meta.url)),
};

// Three projects: pure code, then the database tests once per database.
// test/run.ts (npm test) picks which database projects run and says so.
const dbTests = ["test/db/**/*.test.ts", "test/app/**/*.test.ts"];

export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  resolve: { alias },
  test: {
    globals: true,
    setupFiles: ["test/setup/console.ts"],
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          globals: true,
          setupFiles: ["test/setup/console.ts"],
          include: ["test/unit/**/*.test.ts", "test/machines/**/*.test.ts"],
          env: { DATA_DIR: "memory://" },
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "pglite",
          globals: true,
          include: dbTests,
          setupFiles: ["test/setup/console.ts"],
          env: { TEST_DB: "pglite", DATA_DIR: "memory://" },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "postgres",
          globals: true,
          include: dbTests,
          setupFiles: ["test/setup/console.ts"],
          env: { TEST_DB: "postgres", DATA_DIR: "memory://" },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
