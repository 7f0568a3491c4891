import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { loadUnit } from "~/models/org-unit.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/format.ts";
import { invariantResponse } from "~/utils/http.ts";
import { ROLE_LABELS, UNIT_KIND_LABELS, capitalize } from "~/utils/labels.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.name ?? "Đơn vị"} · Thi đua – Khen thưởng` }];

// A unit's page: open to whoever holds a role in the unit or in a unit above it.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["official", "secretary", "council_member", "chairman", "vice_chairman", "admin"], params.unitId!);
  const unit = await loadUnit(params.unitId!);
  invariantResponse(unit, "Không tìm thấy đơn vị.", { status: 404 });
  return {
    ...unit,
    id: params.unitId!,
    kind: UNIT_KIND_LABELS[unit.kind],
    endedAt: unit.endedAt ? formatDate(unit.endedAt) : null,
    children: unit.children.map((child) => ({
      ...child,
      kind: UNIT_KIND_LABELS[child.kind],
      endedAt: child.endedAt ? formatDate(child.endedAt) : null,
    })),
    users: unit.users.map((u) => ({
      id: u.id,
      fullName: u.fullName,
      title: u.title,
      roles: [...new Set(u.roles.map((r) => capitalize(ROLE_LABELS[r.role])))],
    })),
  };
}

export default function UnitPage() {
  const unit = useLoaderData<typeof loader>();
  return (
    <>
      <p className="muted">
        {unit.kind}
        {unit.parent ? <> · trực thuộc {unit.parent.name}</> : null}
      </p>
      <h1>{unit.name}</h1>
      {unit.endedAt ? (
        <p className="notice">
          Đơn vị đã kết thúc hoạt động từ {unit.endedAt}
          {unit.mergedInto ? (
            <>
              , hợp nhất vào <Link to={`/don-vi/${unit.mergedInto.id}`}>{unit.mergedInto.name}</Link>
            </>
          ) : null}
          .
        </p>
      ) : null}
      <p>
        Người đứng đầu:{" "}
        {unit.head ? (
          <Link to={`/ca-nhan/${unit.head.id}`}>
            {unit.head.fullName}
            {unit.head.position ? ` — ${unit.head.position}` : ""}
          </Link>
        ) : (
          <span className="muted">chưa xác định</span>
        )}{" "}
        · <Link to={`/ca-nhan?don-vi=${unit.id}`}>Danh sách cá nhân của đơn vị</Link>
      </p>
      {unit.mergedFrom.length > 0 ? (
        <p>
          Đơn vị đã sáp nhập vào đây (lịch sử khen thưởng của các đơn vị này thuộc về đơn vị):{" "}
          {unit.mergedFrom.map((u, i) => (
            <span key={u.id}>
              {i > 0 ? "; " : null}
              <Link to={`/don-vi/${u.id}`}>{u.name}</Link>
            </span>
          ))}
        </p>
      ) : null}
      {unit.children.length ? (
        <>
          <h2>Đơn vị trực thuộc</h2>
          <ul>
            {unit.children.map((child) => (
              <li key={child.id}>
                <Link to={`/don-vi/${child.id}`} className={child.endedAt ? "ended" : undefined}>
                  {child.name}
                </Link>{" "}
                <span className="muted">
                  ({child.kind}
                  {child.endedAt ? `, kết thúc ${child.endedAt}` : ""})
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>Cán bộ, công chức</h2>
      {unit.users.length ? (
        <table>
          <thead>
            <tr>
              <th>Họ và tên</th>
              <th>Chức vụ</th>
              <th>Vai trò trong phần mềm</th>
            </tr>
          </thead>
          <tbody>
            {unit.users.map((u) => (
              <tr key={u.id}>
                <td>{u.fullName}</td>
                <td>{u.title}</td>
                <td>{u.roles.join("; ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">Chưa có người dùng thuộc đơn vị này.</p>
      )}
    </>
  );
}
