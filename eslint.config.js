// ESLint (flat config). `npm run lint` = this + `prettier --check .`.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import importX from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";
import thidua from "./.ci/eslint/plugin.js";

const REACT = ["react", "react/*", "react-dom", "react-dom/*"];
const REMIX = ["@remix-run/*"];
const noUi = (why) => ({
  patterns: [{ group: [...REACT, ...REMIX], message: why }],
});

export default defineConfig(
  {
    ignores: [
      "node_modules/",
      "build/",
      "public/build/",
      ".cache/",
      "data/",
      "app/generated/",
      "test-results/",
      "test/fixtures/lint/", // deliberately wrong code for test/unit/lint.test.ts
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    plugins: { "import-x": importX, thidua },
    settings: {
      // Without these, import-x parses only .js dependencies and no-cycle sees no TypeScript file.
      "import-x/extensions": importX.flatConfigs.typescript.settings["import-x/extensions"],
      "import-x/parsers": importX.flatConfigs.typescript.settings["import-x/parsers"],
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "tsconfig.json" })],
    },
    rules: {
      "import-x/no-cycle": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
      // Boundaries by resolved file, so `~/x`, `#machines/x` and `../x` are caught alike (packages: no-restricted-imports below).
      "import-x/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: "./machines",
              from: ["./app", "./emails"],
              message: "Machines are pure: they import nothing from app/ or emails/.",
            },
            {
              target: ["./app/models", "./app/jobs", "./app/scripts", "./emails"],
              from: ["./app/components", "./app/routes"],
              message: "Models, jobs, scripts and emails do not import UI code (components, routes); the worker must load no UI.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.tsx", "app/root.tsx", "app/components/**", "app/routes/**", "app/forms/**"],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      "react-hooks/exhaustive-deps": "error",
    },
  },
  {
    files: ["app/models/**"],
    rules: {
      "no-restricted-imports": ["error", noUi("Models are data and rules: no React, no Remix (return results, let routes respond).")],
    },
  },
  {
    files: ["app/jobs/**", "app/scripts/**", "emails/**"],
    // The build command drives Remix's compiler itself: it is tooling, not a command that runs beside the pages.
    ignores: ["app/scripts/build.mjs"],
    rules: { "no-restricted-imports": ["error", noUi("Jobs, scripts and emails run without a page: no React, no Remix.")] },
  },
  {
    files: ["machines/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: [...REACT, ...REMIX, "@prisma/*"], message: "Machines are pure: no React, Remix or Prisma." }] },
      ],
    },
  },
  // Server-only values never reach the browser bundle (.ci/eslint/no-server-value-in-browser.js).
  {
    files: ["app/components/**", "app/forms/**", "app/utils/**", "app/entry.client.tsx", "machines/**"],
    ignores: ["**/*.server.*"],
    rules: { "thidua/no-server-value-in-browser": ["error", { mode: "forbid" }] },
  },
  {
    files: ["app/routes/**", "app/root.tsx"],
    rules: { "thidua/no-server-value-in-browser": ["error", { mode: "route" }] },
  },
);
