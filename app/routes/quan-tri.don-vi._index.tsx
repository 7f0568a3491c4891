// The unit tree (province → communes → departments, hamlets) in the admin's scope, two levels at a time,
// searchable without tone marks; every unit opens its administration page.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { AdminNav } from "~/components/admin/admin-nav.tsx";
import { unitTree, type TreeUnit } from "~/models/unit-admin.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/format.ts";
import { UNIT_KIND_LABELS } from "~/utils/labels.ts";

export const meta: MetaFunction = () => [{ title: "Đơn vị · Quản trị · Thi đua – Khen thưởng" }];

type Node = {
  id: string;
  name: string;
  kind: string;
  head: string | null;
  ended: string | null;
  mergedInto: string | null;
  more: number;
  canHaveChildren: boolean;
  children: Node[];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin");
  const url = new URL(request.url);
  const q = url.searchParams.get("q")?.trim() ?? "";
  const rootId = url.searchParams.get("goc");
  const { roots, units, matches } = await unitTree(user, { rootId, q });
  const byParent = new Map<string, TreeUnit[]>();
  for (const unit of units) if (unit.parentId) byParent.set(unit.parentId, [...(byParent.get(unit.parentId) ?? []), unit]);
  const node = (unit: TreeUnit, depth: number): Node => {
    const children = depth < 2 ? (byParent.get(unit.id) ?? []).map((child) => node(child, depth + 1)) : [];
    return {
      id: unit.id,
      name: unit.name,
      kind: UNIT_KIND_LABELS[unit.kind],
      head: unit.head?.fullName ?? null,
      ended: unit.endedAt ? formatDate(unit.endedAt) : null,
      mergedInto: unit.mergedInto?.name ?? null,
      more: depth >= 2 ? unit._count.children : 0,
      canHaveChildren: !unit.endedAt && ["province", "district", "commune", "department"].includes(unit.kind),
      children,
    };
  };
  return {
    q,
    rooted: Boolean(rootId),
    tree: roots.map((root) => node(root, 0)),
    matches: matches.map((unit) => ({
      id: unit.id,
      name: unit.name,
      kind: UNIT_KIND_LABELS[unit.kind],
      parent: unit.parent?.name ?? null,
      ended: unit.endedAt ? formatDate(unit.endedAt) : null,
    })),
  };
}

function UnitNode({ unit }: { unit: Node }) {
  return (
    <li>
      <Link to={`/quan-tri/don-vi/${unit.id}`} className={unit.ended ? "ended" : undefined}>
        {unit.name}
      </Link>{" "}
      <span className="muted">
        ({unit.kind}
        {unit.head ? ` · đứng đầu: ${unit.head}` : ""}
        {unit.ended ? ` · kết thúc ${unit.ended}${unit.mergedInto ? `, sáp nhập vào ${unit.mergedInto}` : ""}` : ""})
      </span>
      {unit.canHaveChildren ? (
        <>
          {" "}
          · <Link to={`/quan-tri/don-vi/moi?cap-tren=${unit.id}`}>Thêm đơn vị trực thuộc</Link>
        </>
      ) : null}
      {unit.more > 0 ? (
        <>
          {" "}
          · <Link to={`/quan-tri/don-vi?goc=${unit.id}`}>Xem {unit.more} đơn vị trực thuộc</Link>
        </>
      ) : null}
      {unit.children.length > 0 ? (
        <ul>
          {unit.children.map((child) => (
            <UnitNode key={child.id} unit={child} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

export default function UnitTreePage() {
  const { q, rooted, tree, matches } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Đơn vị</h1>
      <AdminNav />
      <Form method="get" className="search-form" role="search">
        <div>
          <label htmlFor="q">Tìm đơn vị (gõ không dấu cũng được)</label>
          <input id="q" name="q" type="text" defaultValue={q} />
        </div>
        <button type="submit" className="secondary">
          Tìm
        </button>
        {q || rooted ? <Link to="/quan-tri/don-vi">Xem toàn bộ cây đơn vị</Link> : null}
      </Form>
      {q ? (
        matches.length === 0 ? (
          <p className="muted">Không có đơn vị nào khớp với «{q}».</p>
        ) : (
          <ul>
            {matches.map((unit) => (
              <li key={unit.id}>
                <Link to={`/quan-tri/don-vi/${unit.id}`} className={unit.ended ? "ended" : undefined}>
                  {unit.name}
                </Link>{" "}
                <span className="muted">
                  ({unit.kind}
                  {unit.parent ? ` · trực thuộc ${unit.parent}` : ""}
                  {unit.ended ? ` · kết thúc ${unit.ended}` : ""})
                </span>
              </li>
            ))}
          </ul>
        )
      ) : tree.length === 0 ? (
        <p className="muted">Không có đơn vị nào trong phạm vi quản trị của bạn.</p>
      ) : (
        <ul className="tree">
          {tree.map((root) => (
            <UnitNode key={root.id} unit={root} />
          ))}
        </ul>
      )}
    </>
  );
}
