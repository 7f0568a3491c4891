// The dossiers a user may see (an official: their unit's, drafts included), newest first, 20 a page.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DOSSIER_STATE_LABELS } from "#machines/index.ts";
import { DueDate, StateBadge } from "~/components/dossier/dossier-header.tsx";
import { Pagination } from "~/components/ui/pagination.tsx";
import { DOSSIER_PAGE_SIZE, listVisibleDossiers } from "~/models/dossier-lists.server.ts";
import { unitsWhereRole } from "~/models/org-unit.server.ts";
import { forbidden, requireUser } from "~/utils/auth.server.ts";
import { formatDate, formatDateTime } from "~/utils/format.ts";
import { pageFrom } from "~/utils/http.ts";
import { NOMINEE_KIND_LABELS } from "~/utils/labels.ts";

export const meta: MetaFunction = () => [{ title: "Hồ sơ khen thưởng · Thi đua – Khen thưởng" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const roles = new Set(user.grants.map((grant) => grant.role));
  if (!["official", "secretary", "council_member", "chairman", "vice_chairman"].some((role) => roles.has(role as never))) throw forbidden();
  const page = pageFrom(request);
  const { total, rows } = await listVisibleDossiers(user, page);
  const now = new Date();
  return {
    canCreate: unitsWhereRole(user, "official").length > 0,
    page,
    pages: Math.max(1, Math.ceil(total / DOSSIER_PAGE_SIZE)),
    total,
    dossiers: rows.map((row) => ({
      id: row.id,
      nominee: row.nominee.name,
      detail: [NOMINEE_KIND_LABELS[row.nominee.kind], row.nominee.position].filter(Boolean).join(" · "),
      unit: row.unit.name,
      movement: `${row.movement.title} (${row.movement.year})`,
      state: row.state,
      stateLabel: DOSSIER_STATE_LABELS[row.state],
      documents: `${row.documents.length}/3`,
      dueDate: row.dueAt ? formatDate(row.dueAt) : null,
      overdue: row.dueAt !== null && row.dueAt < now,
      updated: formatDateTime(row.updatedAt),
    })),
  };
}

export default function DossierList() {
  const { dossiers, page, pages, total, canCreate } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Hồ sơ đề nghị khen thưởng</h1>
      {canCreate ? (
        <p>
          <Link to="/ho-so/moi" className="button">
            Lập hồ sơ mới
          </Link>
        </p>
      ) : null}
      {dossiers.length === 0 ? (
        <p className="muted">Chưa có hồ sơ nào trong phạm vi của bạn.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Người (tập thể) được đề nghị</th>
              <th>Phong trào</th>
              <th>Trạng thái</th>
              <th className="num">Tài liệu hoàn thành</th>
              <th>Cập nhật</th>
            </tr>
          </thead>
          <tbody>
            {dossiers.map((dossier) => (
              <tr key={dossier.id}>
                <td>
                  <Link to={`/ho-so/${dossier.id}`}>{dossier.nominee}</Link>
                  <div className="muted">
                    {dossier.detail} · {dossier.unit}
                  </div>
                </td>
                <td>{dossier.movement}</td>
                <td>
                  <StateBadge state={dossier.state} label={dossier.stateLabel} />
                  <div>
                    <DueDate dueDate={dossier.dueDate} overdue={dossier.overdue} />
                  </div>
                </td>
                <td className="num">{dossier.documents}</td>
                <td>{dossier.updated}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={page} pages={pages} href={(n) => `?trang=${n}`} summary={`${total} hồ sơ`} />
    </>
  );
}
