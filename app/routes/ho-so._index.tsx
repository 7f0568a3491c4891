// The dossiers a user may see (an official: their unit's, drafts included), searched by name without tone
// marks and filtered by unit, movement, state, year and overdue; the query is the URL (app/utils/list-query.ts).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DOSSIER_STATES, DOSSIER_STATE_LABELS, FIGURE_STATUS_LABELS } from "#machines/index.ts";
import { DueDate, StateBadge } from "~/components/dossier/dossier-header.tsx";
import { ListFilters } from "~/components/list-filters.tsx";
import { Pagination } from "~/components/ui/pagination.tsx";
import { DOSSIER_PAGE_SIZE, dossierFilterOptions, listVisibleDossiers } from "~/models/dossier-lists.server.ts";
import { unitsWhereRole } from "~/models/org-unit.server.ts";
import { forbidden, requireUser } from "~/utils/auth.server.ts";
import { formatDate, formatDateTime } from "~/utils/format.ts";
import { NOMINEE_KIND_LABELS, SUBJECT_KIND_LABELS } from "~/utils/labels.ts";
import { describeFilters, isFiltered, listSearch, readListQuery } from "~/utils/list-query.ts";
import { DOSSIER_LIST, DOSSIER_SORTS, DOSSIER_SORT_LABELS } from "~/utils/lists.ts";

export const meta: MetaFunction = () => [{ title: "Hồ sơ khen thưởng · Thi đua – Khen thưởng" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const roles = new Set(user.grants.map((grant) => grant.role));
  if (!["official", "secretary", "council_member", "chairman", "vice_chairman"].some((role) => roles.has(role as never))) throw forbidden();
  const query = readListQuery(new URL(request.url).searchParams, DOSSIER_LIST);
  const now = new Date();
  const [{ total, rows }, options] = await Promise.all([
    listVisibleDossiers(user, query, query.page, now),
    dossierFilterOptions(user, query.targetId),
  ]);
  // Filters that come from a link (the dashboard) and have no field of their own, in words.
  const notes = describeFilters(
    { ...query, q: "", states: [], unitId: null, movementId: null, year: null, overdue: false },
    { subjectKindLabels: SUBJECT_KIND_LABELS, targets: options.targets, targetStatusLabels: FIGURE_STATUS_LABELS },
  ).filter((line) => line.startsWith("Đối tượng") || line.startsWith("Chỉ tiêu"));
  return {
    canCreate: unitsWhereRole(user, "official").length > 0,
    query,
    notes,
    pages: Math.max(1, Math.ceil(total / DOSSIER_PAGE_SIZE)),
    total,
    options: {
      units: options.units.map((unit) => ({ value: unit.id, label: unit.name })),
      movements: options.movements.map((m) => ({
        value: m.id,
        label: `${m.title} (${m.year}${m.version > 1 ? `, phiên bản ${m.version}` : ""})`,
      })),
      years: options.years,
    },
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

const STATE_OPTIONS = DOSSIER_STATES.map((state) => ({ value: state, label: DOSSIER_STATE_LABELS[state] }));
const SORT_OPTIONS = DOSSIER_SORTS.map((sort) => ({ value: sort, label: DOSSIER_SORT_LABELS[sort] }));

export default function DossierList() {
  const { dossiers, query, notes, pages, total, canCreate, options } = useLoaderData<typeof loader>();
  const search = listSearch(query, { page: 1 }, DOSSIER_SORTS[0]);
  return (
    <>
      <div className="page-head">
        <h1>Hồ sơ đề nghị khen thưởng</h1>
        {canCreate ? (
          <div className="actions">
            <Link to="/ho-so/moi" className="button">
              Lập hồ sơ mới
            </Link>
          </div>
        ) : null}
      </div>
      <ListFilters
        query={query}
        resetTo="/ho-so"
        exportHref={`/ho-so.xlsx${search}`}
        notes={notes}
        fields={{
          search: { label: "Tìm theo tên người (tập thể) được đề nghị", placeholder: "Ví dụ: nguyen van an (không cần dấu)" },
          states: STATE_OPTIONS,
          units: options.units,
          movements: options.movements,
          years: options.years,
          overdue: "Chỉ hồ sơ quá hạn xử lý",
          sorts: SORT_OPTIONS,
        }}
      />
      {dossiers.length === 0 ? (
        <p className="muted">
          {isFiltered(query) ? "Không có hồ sơ nào khớp với điều kiện tìm kiếm." : "Chưa có hồ sơ nào trong phạm vi của bạn."}
        </p>
      ) : (
        <>
          <p className="muted" aria-live="polite">
            Tìm thấy {total} hồ sơ.
          </p>
          <table className="cards">
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
                  <td data-label="Phong trào">{dossier.movement}</td>
                  <td data-label="Trạng thái">
                    <StateBadge state={dossier.state} label={dossier.stateLabel} />
                    <div>
                      <DueDate dueDate={dossier.dueDate} overdue={dossier.overdue} />
                    </div>
                  </td>
                  <td data-label="Tài liệu hoàn thành" className="num">
                    {dossier.documents}
                  </td>
                  <td data-label="Cập nhật">{dossier.updated}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <Pagination
        page={query.page}
        pages={pages}
        href={(n) => listSearch(query, { page: n }, DOSSIER_SORTS[0]) || "?"}
        summary={`${total} hồ sơ`}
      />
    </>
  );
}
