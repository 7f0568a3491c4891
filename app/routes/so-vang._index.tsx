// Sổ theo dõi khen thưởng (sổ vàng) of a unit for a year: every award issued with its register number,
// decision, recipient, form, achievement and certificate serial, revoked ones marked; as PDF and .xlsx too.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { revocationNote } from "~/documents/register.server.ts";
import { awardRegister } from "~/models/register.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/format.ts";
import { invariantResponse } from "~/utils/http.ts";
import { NOMINEE_KIND_LABELS, capitalize } from "~/utils/labels.ts";
import { registerQuery } from "~/utils/register-query.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Sổ theo dõi khen thưởng năm ${data?.year ?? ""} · Thi đua – Khen thưởng` },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["chairman", "vice_chairman", "secretary"]);
  const { units, unitId, year } = await registerQuery(user, request);
  invariantResponse(unitId, "Bạn chưa được giao đơn vị nào để xem sổ theo dõi khen thưởng.", { status: 404 });
  const register = await awardRegister(user, unitId, year);
  invariantResponse(register, "Không tìm thấy sổ theo dõi khen thưởng của đơn vị này.", { status: 404 });
  const thisYear = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
  return {
    units: units.map((unit) => ({ id: unit.id, name: unit.name })),
    unitId,
    unitName: register.unit.name,
    year,
    years: Array.from({ length: 10 }, (_, i) => thisYear - i).concat(year < thisYear - 9 || year > thisYear ? [year] : []),
    search: `?don-vi=${encodeURIComponent(unitId)}&nam=${year}`,
    total: register.total,
    revoked: register.revoked,
    entries: register.entries.map((entry) => ({
      id: entry.id,
      registerNumber: entry.registerNumber,
      recipient: entry.recipient,
      kind: capitalize(NOMINEE_KIND_LABELS[entry.kind]),
      detail: entry.detail,
      awardForm: entry.awardForm,
      awardTitle: entry.awardTitle,
      achievement: entry.achievement,
      decisionId: entry.decisionId,
      decision: `${entry.decisionNumber} ngày ${formatDate(entry.decisionDate)}`,
      serial: entry.serial,
      issuedAt: formatDate(entry.issuedAt),
      revoked: revocationNote(entry),
    })),
  };
}

export default function AwardRegisterPage() {
  const page = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <h1>
          Sổ theo dõi khen thưởng (sổ vàng) năm {page.year}
          <div className="muted" style={{ fontSize: "1rem", fontWeight: "normal" }}>
            {page.unitName}
          </div>
        </h1>
        <div className="actions no-print">
          <a className="button secondary-button" href={`/so-vang.pdf${page.search}`}>
            Bản in (PDF)
          </a>
          <a className="button secondary-button" href={`/so-vang.xlsx${page.search}`} download>
            Tải Excel (.xlsx)
          </a>
        </div>
      </div>
      <Form method="get" className="list-filters card no-print" aria-label="Chọn sổ">
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
          Năm
          <select name="nam" defaultValue={String(page.year)}>
            {page.years.map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </select>
        </label>
        <div className="filter-actions">
          <button type="submit" className="primary">
            Xem sổ
          </button>
        </div>
      </Form>
      <p>
        Tổng số: <strong>{page.total}</strong> lượt khen thưởng
        {page.revoked > 0 ? (
          <>
            , trong đó <strong>{page.revoked}</strong> đã bị thu hồi
          </>
        ) : null}
        .
      </p>
      {page.entries.length === 0 ? (
        <p className="muted">Không có lượt khen thưởng nào trong năm {page.year}.</p>
      ) : (
        <table className="register">
          <thead>
            <tr>
              <th>Số vào sổ</th>
              <th>Người (tập thể) được khen thưởng</th>
              <th>Danh hiệu thi đua</th>
              <th>Hình thức khen thưởng</th>
              <th>Thành tích</th>
              <th>Quyết định</th>
              <th>Số hiệu Giấy khen</th>
              <th>Ghi chú</th>
            </tr>
          </thead>
          <tbody>
            {page.entries.map((entry) => (
              <tr key={entry.id} className={entry.revoked ? "revoked" : undefined}>
                <td>{entry.registerNumber}</td>
                <td>
                  {entry.recipient}
                  {entry.detail ? <div className="muted">{entry.detail}</div> : null}
                </td>
                <td>{entry.awardTitle}</td>
                <td>{entry.awardForm}</td>
                <td>{entry.achievement}</td>
                <td>
                  <Link to={`/quyet-dinh/${entry.decisionId}`}>{entry.decision}</Link>
                </td>
                <td>
                  <Link to={`/xac-minh/${encodeURIComponent(entry.serial)}`}>{entry.serial}</Link>
                  <div className="muted">cấp ngày {entry.issuedAt}</div>
                </td>
                <td>
                  {entry.kind}
                  {entry.revoked ? <div className="badge bad">{entry.revoked}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
