// The lint rules that keep the layers apart fail on wrong code: each wrong case below is reported, and its
// corrected twin is not. Files are linted with the project's own eslint.config.js under virtual paths.
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ESLint, type Linter } from "eslint";
import { beforeAll, describe, expect, test } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const SERVER_RULE = "thidua/no-server-value-in-browser";

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root, overrideConfigFile: "eslint.config.js" });
});

/** The messages of the one file ESLint was given. */
function messagesOf(results: ESLint.LintResult[]): Linter.LintMessage[] {
  expect(results).toHaveLength(1);
  return results[0]?.messages ?? [];
}

async function lint(filePath: string, code: string): Promise<Linter.LintMessage[]> {
  const messages = messagesOf(await eslint.lintText(code, { filePath }));
  // A parse error would hide every rule: the code under test must parse.
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return messages;
}

const byRule = (messages: Linter.LintMessage[], rule: string) => messages.filter((m) => m.ruleId === rule);

/** A real file of the folder, so that the import resolves whatever the files are called. */
function someFile(folder: string, suffix: string): string {
  const file = readdirSync(`${root}/${folder}`).find((name) => name.endsWith(suffix) && !name.includes(".server."));
  if (!file) throw new Error(`no ${suffix} file in ${folder}`);
  return file;
}

describe("no value from a *.server module reaches browser code", () => {
  const ROUTE = "app/routes/zz-lint-probe.tsx";
  const header = `import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { LABELS, loadThings } from "~/models/things.server.ts";
`;

  test("a value from a .server module used in a route component is an error naming the binding and the module", async () => {
    const messages = await lint(
      ROUTE,
      `${header}
export async function loader(_args: LoaderFunctionArgs) { return { things: await loadThings() }; }
export default function Things() {
  const { things } = useLoaderData<typeof loader>();
  return <ul>{things.map((t: string) => <li key={t}>{LABELS[t]}</li>)}</ul>;
}
`,
    );
    const errors = byRule(messages, SERVER_RULE);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.line).toBe(8);
    expect(errors[0]?.message).toContain("`LABELS`");
    expect(errors[0]?.message).toContain("~/models/things.server.ts");
    expect(errors[0]?.message).toContain("`Things` (the default export)");
  });

  test("values used only in loader and action, directly or through helpers only they call, are allowed", async () => {
    const messages = await lint(
      ROUTE,
      `${header}
function labelled(things: string[]) { return things.map((t) => LABELS[t]); }
const describeThings = async () => labelled(await loadThings());
export async function loader(_args: LoaderFunctionArgs) { return { things: await loadThings(), labels: await describeThings() }; }
export const action = async () => ({ first: LABELS.first });
export default function Things() {
  const { labels } = useLoaderData<typeof loader>();
  return <p>{labels.join(", ")}</p>;
}
`,
    );
    expect(byRule(messages, SERVER_RULE)).toEqual([]);
  });

  test("a helper called by the loader and by the component is browser code", async () => {
    const messages = await lint(
      ROUTE,
      `${header}
function labelled(things: string[]) { return things.map((t) => LABELS[t]); }
export async function loader(_args: LoaderFunctionArgs) { return { labels: labelled(await loadThings()) }; }
export default function Things() {
  useLoaderData<typeof loader>();
  return <p>{labelled(["a"]).join(", ")}</p>;
}
`,
    );
    const errors = byRule(messages, SERVER_RULE);
    expect(errors.map((e) => e.line)).toEqual([5]);
    expect(errors[0]?.message).toContain("in `labelled`, reached from `Things` (the default export)");
  });

  test("meta is browser code", async () => {
    const messages = await lint(ROUTE, `${header}\nexport const meta = () => [{ title: LABELS.title }];\n`);
    expect(byRule(messages, SERVER_RULE).map((e) => e.message)).toEqual([expect.stringContaining("in `meta`")]);
  });

  test("a module-level use is evaluated in the browser too, even if only the loader reads the result", async () => {
    const messages = await lint(
      ROUTE,
      `${header}
const FIRST = LABELS.first;
export async function loader(_args: LoaderFunctionArgs) { return { first: FIRST }; }
`,
    );
    const errors = byRule(messages, SERVER_RULE);
    expect(errors.map((e) => e.line)).toEqual([5]);
    expect(errors[0]?.message).toContain("evaluated when the module loads");
  });

  test("type-only imports are allowed in browser code", async () => {
    const messages = await lint(
      ROUTE,
      `import type { Thing } from "~/models/things.server.ts";
import { type Label, loadThings } from "~/models/things.server.ts";
export async function loader() { return { things: await loadThings() }; }
type Load = typeof loadThings;
export default function Things({ thing, label, load }: { thing: Thing; label: Label; load?: Load }) {
  return <p>{String(thing)}{String(label)}{String(load)}</p>;
}
`,
    );
    expect(byRule(messages, SERVER_RULE)).toEqual([]);
  });

  test("a component file may not import a value from a .server module at all", async () => {
    const file = "app/components/zz-lint-probe.tsx";
    const wrong = await lint(
      file,
      `import { LABELS } from "./things.server";\nexport const Label = ({ id }: { id: string }) => <b>{LABELS[id]}</b>;\n`,
    );
    expect(byRule(wrong, SERVER_RULE).map((e) => e.message)).toEqual([
      expect.stringContaining("`LABELS` is a value imported from the server-only module './things.server'"),
    ]);

    const typeOnly = await lint(
      file,
      `import type { Labels } from "./things.server";
import { type Format } from "./things.server";
export const Label = ({ labels, format }: { labels: Labels; format: Format }) => <b>{format(labels)}</b>;
`,
    );
    expect(byRule(typeOnly, SERVER_RULE)).toEqual([]);
  });
});

describe("boundaries between the layers", () => {
  test("a model may not import components or Remix", async () => {
    const component = someFile("app/components", ".tsx");
    const messages = await lint(
      "app/models/zz-lint-probe.server.ts",
      `import { json } from "@remix-run/node";
import * as Component from "~/components/${component}";
import { useState } from "react";
export const probe = () => [json, Component, useState];
`,
    );
    expect(messages.map((m) => [m.line, m.ruleId])).toEqual([
      [1, "no-restricted-imports"],
      [2, "import-x/no-restricted-paths"],
      [3, "no-restricted-imports"],
    ]);
  });

  test("a model may import shared utilities", async () => {
    const util = someFile("app/utils", ".ts");
    const messages = await lint(
      "app/models/zz-lint-probe.server.ts",
      `import * as util from "~/utils/${util}";\nexport const probe = () => util;\n`,
    );
    expect(messages).toEqual([]);
  });

  test("a machine may not import from app/, by alias or by relative path", async () => {
    const util = someFile("app/utils", ".ts");
    const messages = await lint(
      "machines/zz-lint-probe.ts",
      `import * as byAlias from "~/utils/${util}";\nimport * as byPath from "../app/utils/${util}";\nexport const probe = () => [byAlias, byPath];\n`,
    );
    expect(messages.map((m) => [m.line, m.ruleId])).toEqual([
      [1, "import-x/no-restricted-paths"],
      [2, "import-x/no-restricted-paths"],
    ]);
  });

  test("a machine may import another machine", async () => {
    const machine = someFile("machines", ".ts");
    const messages = await lint("machines/zz-lint-probe.ts", `import * as other from "./${machine}";\nexport const probe = () => other;\n`);
    expect(messages).toEqual([]);
  });

  test("a job may not import React", async () => {
    const messages = await lint(
      "app/jobs/zz-lint-probe.server.ts",
      `import { renderToString } from "react-dom/server";\nexport const probe = () => renderToString;\n`,
    );
    expect(byRule(messages, "no-restricted-imports")).toHaveLength(1);
  });
});

describe("import cycles", () => {
  // Two real files are needed for a cycle; the main lint run ignores their folder, so lint them explicitly.
  let files: ESLint;
  beforeAll(() => {
    files = new ESLint({ cwd: root, overrideConfigFile: "eslint.config.js", ignore: false });
  });

  test("the main lint run skips the deliberately wrong fixtures", async () => {
    expect(await eslint.isPathIgnored("test/fixtures/lint/cycle-a.ts")).toBe(true);
  });

  test("two files importing each other are reported", async () => {
    const messages = messagesOf(await files.lintFiles(["test/fixtures/lint/cycle-a.ts"]));
    expect(messages.map((m) => m.ruleId)).toEqual(["import-x/no-cycle"]);
  });

  test("a chain without a way back is not", async () => {
    expect(messagesOf(await files.lintFiles(["test/fixtures/lint/chain-a.ts"]))).toEqual([]);
  });
});
