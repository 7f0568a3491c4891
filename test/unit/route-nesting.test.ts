// A page route nested under a parent page is drawn inside the parent's <Outlet />. A parent without one shows its
// own page at the child's URL and the child never appears: `/bo-phieu/:id/kiem-phieu` (the paper count) showed the
// session page this way. Either the parent renders an outlet or the child's file name leaves the parent's layout
// (`bo-phieu.$sessionId_.kiem-phieu.tsx`). Resource routes (no default export) have no page to draw.
import { readFileSync } from "node:fs";
import path from "node:path";
import { readConfig } from "@remix-run/dev/dist/config.js";
import { expect, test } from "vitest";

test("every page route nested under a parent page is drawn by the parent's outlet", async () => {
  const config = await readConfig(process.cwd());
  const source = (file: string) => readFileSync(path.join(config.appDirectory, file), "utf8");
  const isPage = (file: string) => /export default\b/.test(source(file));
  const drawsOutlet = (file: string) => /<Outlet\b|useOutlet\(/.test(source(file));

  const routes = Object.values(config.routes);
  const nested = routes.filter((route) => route.parentId && route.parentId !== "root" && isPage(route.file));
  expect(nested.length).toBeGreaterThan(3); // the movement's and the dossier's pages have children
  const hidden = nested
    .map((route) => ({ route, parent: config.routes[route.parentId!]! }))
    .filter(({ parent }) => isPage(parent.file) && !drawsOutlet(parent.file))
    .map(({ route, parent }) => `${route.file} is drawn inside ${parent.file}, which has no outlet`);
  expect(hidden).toEqual([]);
});
