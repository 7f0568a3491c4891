// The background worker (`npm run worker`) imports the jobs, the models and the machines — never the UI:
// no React, no Remix, no component or route module anywhere in its module graph.
import { build } from "esbuild";
import { expect, test } from "vitest";

test("the worker's module graph holds no React, Remix, component or route code", async () => {
  const result = await build({
    entryPoints: ["app/scripts/worker.ts"],
    bundle: true,
    platform: "node",
    format: "esm",
    write: false,
    metafile: true,
    packages: "external",
    logLevel: "silent",
    tsconfig: "tsconfig.json",
  });
  const modules = Object.keys(result.metafile.inputs);
  const packages = new Set(Object.values(result.metafile.outputs).flatMap((output) => output.imports.map((i) => i.path)));
  expect(modules.length).toBeGreaterThan(20); // the graph was really followed (jobs → models → machines)
  expect(modules.filter((file) => file.endsWith(".tsx") || /app\/(components|routes)\//.test(file))).toEqual([]);
  expect([...packages].filter((name) => /^(react|react-dom|@remix-run\/)/.test(name))).toEqual([]);
});
