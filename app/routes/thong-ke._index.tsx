// Thống kê khen thưởng: the awards a commune decided over a period, by award form and kind of recipient, in
// the layout of the statistical report on emulation and awards (docs/reports.md says which form and how).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { STATISTICS_HEADERS, statisticsCells } from "~/documents/movement-report.server.ts";
import { awardStatistics } from "~/models/reports.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { invariantResponse } from "~/utils/http.ts";
import { AWARD_FORM_LABELS, AWARD_TITLE_LABELS } from "~/utils/labels.ts";
import { statisticsQuery } from "~/utils/report-routes.server.ts";

export const meta: MetaFunction = () => [{ title: "Thống kê khen thưởng · Thi đua – Khen thưởng" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["chairman", "vice_chairman", "secretary"]);
  const query = await statisticsQuery(user, request);
  invariantResponse(query.unitId, "Không tìm thấy đơn vị (hoặc bạn không có quyền xem thống kê của đơn vị này).", { status: 404 });
  const stats = await awardStatistics(user, query.unitId, query.from, query.to);
  invariantResponse(stats, "Không tìm thấy đơn vị.", { status: 404 });
  return {
    units: query.units,
    unitId: query.unitId,
    from: query.from,
    to: query.to,
    problem: query.problem,
    search: `?don-vi=${encodeURIComponent(query.unitId)}&tu=${query.from}&den=${query.to}`,
    headers: STATISTICS_HEADERS,
    rows: [
      ...stats.byForm.map((row) => ({ label: AWARD_FORM_LABELS[row.form], cells: statisticsCells(row.counts) })),
      { label: "Tổng cộng", cells: statisticsCells(stats.total) },
      { label: "Trong đó: đã thu hồi", cells: statisticsCells(stats.revoked) },
    ],
    titles: stats.byTitle.map((row) => ({ label: AWARD_TITLE_LABELS[row.title], cells: statisticsCells(row.counts) })),
    movements: stats.byMovement.map((row) => ({ label: `${row.title} (${row.year})`, cells: statisticsCells(row.counts) })),
  };
}

export default function StatisticsPage() {
  const page = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <h1>Thống kê khen thưởng</h1>
        <div className="actions no-print">
          <a className="button secondary-button" href={`/thong-ke.pdf${page.search}`}>
            Báo cáo thống kê (PDF)
          </a>
          <a className="button secondary-button" href={`/thong-ke.docx${page.search}`} download>
            Word
          </a>
          <a className="button secondary-button" href={`/thong-ke.xlsx${page.search}`} download>
            Excel (.xlsx)
          </a>
        </div>
      </div>
      <Form method="get" className="list-filters card no-print" aria-label="Kỳ báo cáo">
        <label>
          Đơn vị
          <select name="don-vi" defaultValue={page.unitId}>
            {page.units.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {unit.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Từ ngày
          <input type="date" name="tu" defaultValue={page.from} />
        </label>
        <label>
          Đến ngày
          <input type="date" name="den" defaultValue={page.to} />
        </label>
        <div className="filter-actions">
          <button type="submit" className="primary">
            Xem thống kê
          </button>
        </div>
      </Form>
      {page.problem ? <p className="notice">{page.problem}</p> : null}
      <h2>Số lượng khen thưởng theo hình thức khen thưởng</h2>
      <StatisticsTable first="Hình thức khen thưởng" headers={page.headers} rows={page.rows} />
      <h2>Số lượng danh hiệu thi đua</h2>
      {page.titles.length === 0 ? (
        <p className="muted">Không có danh hiệu thi đua nào được tặng trong kỳ.</p>
      ) : (
        <StatisticsTable first="Danh hiệu thi đua" headers={page.headers} rows={page.titles} />
      )}
      <h2>Khen thưởng theo phong trào thi đua (theo đợt, chuyên đề)</h2>
      {page.movements.length === 0 ? (
        <p className="muted">Không có lượt khen thưởng nào trong kỳ.</p>
      ) : (
        <StatisticsTable first="Phong trào thi đua" headers={page.headers} rows={page.movements} />
      )}
    </>
  );
}

function StatisticsTable({ first, headers, rows }: { first: string; headers: string[]; rows: Array<{ label: string; cells: number[] }> }) {
  return (
    <table className="cards">
      <thead>
        <tr>
          <th>{first}</th>
          {headers.map((header) => (
            <th key={header} className="num">
              {header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label}>
            <td>{row.label}</td>
            {row.cells.map((value, i) => (
              <td key={i} className="num" data-label={headers[i]}>
                {value}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
