// Award decisions (quyết định khen thưởng) of the user's communes: found by number or an awardee's name
// (without tone marks), filtered by unit, movement and year; the query is the URL.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ListFilters } from "~/components/list-filters.tsx";
import { Pagination } from "~/components/ui/pagination.tsx";
import { AWARD_PAGE_SIZE, decisionFilterOptions, listDecisions } from "~/models/award-lists.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/format.ts";
import { isFiltered, listSearch, readListQuery } from "~/utils/list-query.ts";
import { DECISION_LIST, DECISION_SORTS, DECISION_SORT_LABELS } from "~/utils/lists.ts";

export const meta: MetaFunction = () => [{ title: "Quyết định khen thưởng · Thi đua – Khen thưởng" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["chairman", "vice_chairman", "secretary"]);
  const query = readListQuery(new URL(request.url).searchParams, DECISION_LIST);
  const [{ total, rows }, options] = await Promise.all([listDecisions(user, query, query.page), decisionFilterOptions(user)]);
  return {
    canSign: user.grants.some((grant) => grant.role === "chairman" || grant.role === "vice_chairman"),
    // The printing settings are the chairman's and the secretary's (app/routes/cai-dat.in-giay-khen.tsx).
    canSetUpPrinting: user.grants.some((grant) => grant.role === "chairman" || grant.role === "secretary"),
    query,
    total,
    pages: Math.max(1, Math.ceil(total / AWARD_PAGE_SIZE)),
    options: {
      units: options.units.map((unit) => ({ value: unit.id, label: unit.name })),
      movements: options.movements.map((m) => ({ value: m.id, label: `${m.title} (${m.year})` })),
      years: options.years,
    },
    decisions: rows.map((d) => ({
      id: d.id,
      number: d.number,
      decidedAt: formatDate(d.decidedAt),
      movement: `${d.movement.title} (${d.movement.year})`,
      signer: `${d.onBehalf ? "KT. Chủ tịch – Phó Chủ tịch" : "Chủ tịch"} ${d.signerName}`,
      awardees: d._count.entries,
      certificates: d._count.certificates,
    })),
  };
}

const SORT_OPTIONS = DECISION_SORTS.map((sort) => ({ value: sort, label: DECISION_SORT_LABELS[sort] }));

export default function DecisionsPage() {
  const { decisions, canSign, canSetUpPrinting, query, total, pages, options } = useLoaderData<typeof loader>();
  const search = listSearch(query, { page: 1 }, DECISION_SORTS[0]);
  return (
    <>
      <div className="page-head">
        <h1>Quyết định khen thưởng</h1>
        <div className="actions">
          {canSign ? (
            <Link className="button secondary-button" to="/phe-duyet">
              Phê duyệt khen thưởng
            </Link>
          ) : null}
          <Link className="button secondary-button" to="/giay-khen">
            Giấy khen đã cấp
          </Link>
          {canSetUpPrinting ? (
            <Link className="button secondary-button" to="/cai-dat/in-giay-khen">
              Thiết lập in phôi Giấy khen
            </Link>
          ) : null}
        </div>
      </div>
      <ListFilters
        query={query}
        resetTo="/quyet-dinh"
        exportHref={`/quyet-dinh.xlsx${search}`}
        fields={{
          search: { label: "Số quyết định hoặc tên người (tập thể) được khen", placeholder: "Ví dụ: 12/QĐ-UBND hoặc nguyen van an" },
          units: options.units,
          movements: options.movements,
          years: options.years,
          sorts: SORT_OPTIONS,
        }}
      />
      {decisions.length === 0 ? (
        <p className="muted">
          {isFiltered(query) ? "Không có quyết định nào khớp với điều kiện tìm kiếm." : "Chưa có quyết định khen thưởng nào."}
        </p>
      ) : (
        <table className="cards">
          <thead>
            <tr>
              <th>Số quyết định</th>
              <th>Ngày ký</th>
              <th>Phong trào</th>
              <th>Người ký</th>
              <th className="num">Số được khen</th>
              <th className="num">Giấy khen đã cấp</th>
            </tr>
          </thead>
          <tbody>
            {decisions.map((d) => (
              <tr key={d.id}>
                <td>
                  <Link to={`/quyet-dinh/${d.id}`}>{d.number}</Link>
                </td>
                <td data-label="Ngày ký">{d.decidedAt}</td>
                <td data-label="Phong trào">{d.movement}</td>
                <td data-label="Người ký">{d.signer}</td>
                <td data-label="Số được khen" className="num">
                  {d.awardees}
                </td>
                <td data-label="Giấy khen đã cấp" className="num">
                  {d.certificates}/{d.awardees}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination
        page={query.page}
        pages={pages}
        href={(n) => listSearch(query, { page: n }, DECISION_SORTS[0]) || "?"}
        summary={`${total} quyết định`}
      />
    </>
  );
}
