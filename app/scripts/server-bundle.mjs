// How the server programs are compiled to plain JavaScript in build/ (npm run build; the bench's certificate
// child): they then start without compiling TypeScript — tsx at run time cost ≈ 80 MB of memory per process
// and a second of every start (docs/decisions/023-compiled-server.md). Packages stay in node_modules, as for
// the Remix build; the app's own modules (and the generated Prisma client) are bundled.

/**
 * esbuild options for these entry points ({ name: source }), written to build/<name>.mjs.
 * @param {Record<string, string>} entryPoints
 * @returns {import("esbuild").BuildOptions}
 */
export function serverBundle(entryPoints) {
  return {
    entryPoints,
    outdir: "build",
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    alias: { "~": "./app", "#machines": "./machines", "#emails": "./emails" },
    logLevel: "warning",
  };
}
