// Giấy khen issued by the user's communes: found by the recipient's name (without tone marks) or the
// serial, filtered by unit, movement, year of issue and state (in force / revoked); the query is the URL.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ListFilters } from "~/components/list-filters.tsx";
import { Pagination } from "~/components/ui/pagination.tsx";
import { AWARD_PAGE_SIZE, certificateFilterOptions, listCertificates } from "~/models/award-lists.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/format.ts";
import { isFiltered, listSearch, readListQuery } from "~/utils/list-query.ts";
import {
  CERTIFICATE_LIST,
  CERTIFICATE_SORTS,
  CERTIFICATE_SORT_LABELS,
  CERTIFICATE_STATES,
  CERTIFICATE_STATE_LABELS,
} from "~/utils/lists.ts";

export const meta: MetaFunction = () => [{ title: "Giấy khen đã cấp · Thi đua – Khen thưởng" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["chairman", "vice_chairman", "secretary"]);
  const query = readListQuery(new URL(request.url).searchParams, CERTIFICATE_LIST);
  const [{ total, rows }, options] = await Promise.all([listCertificates(user, query, query.page), certificateFilterOptions(user)]);
  return {
    canRevoke: user.grants.some((grant) => grant.role === "chairman"),
    query,
    total,
    pages: Math.max(1, Math.ceil(total / AWARD_PAGE_SIZE)),
    options: {
      units: options.units.map((unit) => ({ value: unit.id, label: unit.name })),
      movements: options.movements.map((m) => ({ value: m.id, label: `${m.title} (${m.year})` })),
      years: options.years,
    },
    certificates: rows.map((row) => ({
      id: row.id,
      serial: row.serial,
      goldenBookNumber: row.goldenBookNumber,
      recipient: row.honorific ? `${row.honorific} ${row.recipientName}` : row.recipientName,
      detail: row.recipientDetail,
      decision: `${row.decisionNumber} ngày ${formatDate(row.decisionDate)}`,
      decisionId: row.decisionId,
      issuedAt: formatDate(row.issuedAt),
      revoked: row.revokedAt ? `Đã thu hồi ngày ${formatDate(row.revokedAt)}: ${row.revokedReason ?? ""}` : null,
    })),
  };
}

const STATE_OPTIONS = CERTIFICATE_STATES.map((state) => ({ value: state, label: CERTIFICATE_STATE_LABELS[state] }));
const SORT_OPTIONS = CERTIFICATE_SORTS.map((sort) => ({ value: sort, label: CERTIFICATE_SORT_LABELS[sort] }));

export default function CertificatesPage() {
  const { certificates, canRevoke, query, total, pages, options } = useLoaderData<typeof loader>();
  const search = listSearch(query, { page: 1 }, CERTIFICATE_SORTS[0]);
  return (
    <>
      <div className="page-head">
        <h1>Giấy khen đã cấp</h1>
        <div className="actions">
          <Link className="button secondary-button" to="/so-vang">
            Sổ theo dõi khen thưởng
          </Link>
        </div>
      </div>
      <ListFilters
        query={query}
        resetTo="/giay-khen"
        exportHref={`/giay-khen.xlsx${search}`}
        fields={{
          search: { label: "Tên người (tập thể) được khen hoặc số hiệu Giấy khen", placeholder: "Ví dụ: tran thi binh" },
          states: STATE_OPTIONS,
          units: options.units,
          movements: options.movements,
          years: options.years,
          sorts: SORT_OPTIONS,
        }}
      />
      {certificates.length === 0 ? (
        <p className="muted">{isFiltered(query) ? "Không có Giấy khen nào khớp với điều kiện tìm kiếm." : "Chưa cấp Giấy khen nào."}</p>
      ) : (
        <table className="cards">
          <thead>
            <tr>
              <th>Số sổ vàng</th>
              <th>Người (tập thể) được khen</th>
              <th>Quyết định</th>
              <th>Ngày cấp</th>
              <th>Số hiệu</th>
              <th className="no-print">Thao tác</th>
            </tr>
          </thead>
          <tbody>
            {certificates.map((c) => (
              <tr key={c.id}>
                <td data-label="Số sổ vàng">{c.goldenBookNumber}</td>
                <td data-label="Người (tập thể) được khen">
                  {c.recipient}
                  {c.detail ? <div className="muted">{c.detail}</div> : null}
                  {c.revoked ? <div className="badge bad">{c.revoked}</div> : null}
                </td>
                <td data-label="Quyết định">
                  <Link to={`/quyet-dinh/${c.decisionId}`}>{c.decision}</Link>
                </td>
                <td data-label="Ngày cấp">{c.issuedAt}</td>
                <td data-label="Số hiệu">
                  <Link to={`/xac-minh/${encodeURIComponent(c.serial)}`}>{c.serial}</Link>
                </td>
                <td data-label="Thao tác" className="no-print">
                  <a href={`/giay-khen/${c.id}/ban-in.pdf`}>Bản in</a>
                  {canRevoke && !c.revoked ? (
                    <>
                      {" · "}
                      <Link to={`/giay-khen/${c.id}/thu-hoi`}>Thu hồi</Link>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination
        page={query.page}
        pages={pages}
        href={(n) => listSearch(query, { page: n }, CERTIFICATE_SORTS[0]) || "?"}
        summary={`${total} Giấy khen`}
      />
    </>
  );
}
