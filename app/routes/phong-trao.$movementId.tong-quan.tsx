// The movement dashboard (tổng quan) for the secretary and the chairman: dossiers by state and by unit,
// awards against the quota, each target's results and their spread, what is overdue in working days, and
// the council's sessions. Charts are SVG drawn here (they print); every number links to the list behind it.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DOSSIER_STATES, DOSSIER_STATE_LABELS, FIGURE_STATUS_LABELS, QUOTA_TAKING_STATES, percent, vnDecimal } from "#machines/index.ts";
import { BarChart, CHART_COLORS, Histogram, StackedBars } from "~/components/charts.tsx";
import { STATE_GROUPS, movementDashboard } from "~/models/dashboard.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/format.ts";
import { invariantResponse } from "~/utils/http.ts";
import { MOVEMENT_STATE_LABELS, NOMINEE_KIND_LABELS, SUBJECT_KIND_LABELS, capitalize } from "~/utils/labels.ts";
import { listHref } from "~/utils/list-query.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Tổng quan: ${data?.movement.title ?? "phong trào"} · Thi đua – Khen thưởng` },
];

const GROUP_LABELS = { in_progress: "Đang xét", awarded: "Được khen thưởng", not_passed: "Không đạt", other: "Nháp, đã rút" } as const;
const GROUP_COLORS = {
  in_progress: CHART_COLORS.warn,
  awarded: CHART_COLORS.ok,
  not_passed: CHART_COLORS.bad,
  other: CHART_COLORS.muted,
} as const;
const NOT_DRAFT = DOSSIER_STATES.filter((state) => state !== "draft");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["secretary", "chairman", "vice_chairman"]);
  const data = await movementDashboard(user, params.movementId!);
  invariantResponse(data, "Không tìm thấy phong trào thi đua (hoặc bạn không phải Văn phòng, lãnh đạo UBND xã tổ chức phong trào).", {
    status: 404,
  });
  const m = data.movement;
  const list = (filters: Parameters<typeof listHref>[1]) => listHref("/ho-so", { movementId: m.id, ...filters });
  return {
    movement: {
      id: m.id,
      title: m.title,
      year: m.year,
      unitId: m.unit.id,
      unitName: m.unit.name,
      state: MOVEMENT_STATE_LABELS[m.state],
      deadline: formatDate(m.submissionDeadline),
    },
    total: { value: data.total, href: list({}) },
    byState: DOSSIER_STATES.filter((state) => data.byState[state] > 0 || state !== "draft").map((state) => ({
      label: DOSSIER_STATE_LABELS[state],
      value: data.byState[state],
      href: list({ states: [state] }),
    })),
    byUnit: data.byUnit.map((unit) => ({
      label: unit.name,
      href: list({ unitId: unit.unitId }),
      segments: (Object.keys(GROUP_LABELS) as Array<keyof typeof GROUP_LABELS>).map((group) => ({
        label: GROUP_LABELS[group],
        value: unit.groups[group],
        color: GROUP_COLORS[group],
        href: list({ unitId: unit.unitId, states: [...STATE_GROUPS[group]] }),
      })),
    })),
    quota: data.quota.map((row) => ({
      label: capitalize(NOMINEE_KIND_LABELS[row.kind]),
      max: row.max,
      awarded: row.awarded,
      proposed: row.proposed,
      left: row.max === null ? null : Math.max(0, row.max - row.awarded),
      awardedHref: list({ states: [...QUOTA_TAKING_STATES], subjectKinds: row.subjectKinds }),
      proposedHref: list({ states: NOT_DRAFT, subjectKinds: row.subjectKinds }),
    })),
    bySubject: data.bySubject.map((row) => ({
      label: capitalize(SUBJECT_KIND_LABELS[row.kind]),
      proposed: row.proposed,
      awarded: row.awarded,
      proposedHref: list({ states: NOT_DRAFT, subjectKinds: [row.kind] }),
      awardedHref: list({ states: [...QUOTA_TAKING_STATES], subjectKinds: [row.kind] }),
    })),
    targets: data.targets.map((target) => ({
      id: target.id,
      area: target.area,
      label: target.label,
      requirement: target.requirement,
      applicable: target.applicable,
      applicableHref: list({ targetId: target.id }),
      statuses: (["met", "unmet", "missing", "not_applicable"] as const).map((status) => ({
        status,
        label: FIGURE_STATUS_LABELS[status],
        value: target.counts[status],
        href: list({ targetId: target.id, targetStatus: status }),
      })),
      metShare: percent(target.counts.met, target.applicable),
      spread: target.spread && {
        ...target.spread,
        minText: vnDecimal(target.spread.min),
        medianText: vnDecimal(target.spread.median),
        maxText: vnDecimal(target.spread.max),
      },
      threshold: target.threshold,
      unit: target.unit,
    })),
    overdue: {
      count: data.overdue.length,
      href: list({ overdue: true }),
      rows: data.overdue.slice(0, 20).map((row) => ({
        id: row.id,
        name: row.name,
        unit: row.unit,
        state: DOSSIER_STATE_LABELS[row.state],
        dueDate: formatDate(row.dueAt),
        workingDaysLate: row.workingDaysLate,
      })),
    },
    sessions: data.votingSessions.map((s) => ({
      id: s.id,
      title: s.title,
      open: s.state === "open",
      when: `${formatDate(s.openedAt)}${s.closedAt ? ` – ${formatDate(s.closedAt)}` : ""}`,
      members: s.members,
      voters: s.voters,
      participation: percent(s.voters, s.members),
      dossiers: s.dossiers,
      ballots: s.receipts,
      ballotsDue: s.ballotsDue,
      passed: s.passed,
    })),
  };
}

export default function MovementDashboardPage() {
  const page = useLoaderData<typeof loader>();
  const m = page.movement;
  return (
    <>
      <p className="muted">
        <Link to="/phong-trao">Phong trào thi đua</Link> › <Link to={`/phong-trao/${m.id}`}>{m.title}</Link> › Tổng quan
      </p>
      <div className="page-head">
        <h1>
          Tổng quan phong trào “{m.title}” năm {m.year}
        </h1>
        <div className="actions no-print">
          <a className="button secondary-button" href={`/phong-trao/${m.id}/tong-quan.xlsx`} download>
            Tải số liệu (.xlsx)
          </a>
          <a className="button secondary-button" href={`/phong-trao/${m.id}/bao-cao-tong-ket.pdf`}>
            Báo cáo tổng kết (PDF)
          </a>
          <a className="button secondary-button" href={`/phong-trao/${m.id}/bao-cao-tong-ket.docx`} download>
            Báo cáo tổng kết (Word)
          </a>
          <a className="button secondary-button" href={`/phong-trao/${m.id}/bao-cao-tong-ket.xlsx`} download>
            Báo cáo tổng kết (Excel)
          </a>
          <Link className="button secondary-button" to={`/so-vang?don-vi=${m.unitId}&nam=${m.year}`}>
            Sổ theo dõi khen thưởng
          </Link>
        </div>
      </div>
      <p className="muted">
        {m.unitName} · Trạng thái: {m.state} · Hạn nộp hồ sơ: {m.deadline} · Tổng số hồ sơ:{" "}
        <Link to={page.total.href} className="stat-link">
          {page.total.value}
        </Link>
      </p>

      <section className="card" aria-labelledby="by-state">
        <h2 id="by-state">Hồ sơ theo trạng thái</h2>
        <BarChart title="Số hồ sơ theo trạng thái" bars={page.byState} />
      </section>

      <section className="card" aria-labelledby="by-unit">
        <h2 id="by-unit">Hồ sơ theo đơn vị trình</h2>
        {page.byUnit.length === 0 ? (
          <p className="muted">Chưa có hồ sơ nào.</p>
        ) : (
          <StackedBars
            title="Số hồ sơ theo đơn vị trình"
            rows={page.byUnit}
            legend={Object.entries(GROUP_LABELS).map(([group, label]) => ({
              label,
              color: GROUP_COLORS[group as keyof typeof GROUP_COLORS],
            }))}
          />
        )}
      </section>

      <section className="card" aria-labelledby="quota">
        <h2 id="quota">Khen thưởng so với số lượng tối đa</h2>
        <table>
          <thead>
            <tr>
              <th>Cá nhân / tập thể</th>
              <th className="num">Đã đề nghị</th>
              <th className="num">Được khen thưởng</th>
              <th className="num">Tối đa</th>
              <th className="num">Còn lại</th>
            </tr>
          </thead>
          <tbody>
            {page.quota.map((row) => (
              <tr key={row.label}>
                <td>{row.label}</td>
                <td className="num">
                  <Link to={row.proposedHref}>{row.proposed}</Link>
                </td>
                <td className="num">
                  <Link to={row.awardedHref}>{row.awarded}</Link>
                </td>
                <td className="num">{row.max ?? "Không giới hạn"}</td>
                <td className="num">{row.left ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>Theo đối tượng</h3>
        <table>
          <thead>
            <tr>
              <th>Đối tượng</th>
              <th className="num">Đã đề nghị</th>
              <th className="num">Được khen thưởng</th>
            </tr>
          </thead>
          <tbody>
            {page.bySubject.map((row) => (
              <tr key={row.label}>
                <td>{row.label}</td>
                <td className="num">
                  <Link to={row.proposedHref}>{row.proposed}</Link>
                </td>
                <td className="num">
                  <Link to={row.awardedHref}>{row.awarded}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="card" aria-labelledby="targets">
        <h2 id="targets">Kết quả theo chỉ tiêu thi đua</h2>
        {page.targets.length === 0 ? <p className="muted">Phong trào không có chỉ tiêu định lượng.</p> : null}
        <div className="target-grid">
          {page.targets.map((target) => (
            <div key={target.id} className="target-card">
              <h3>
                {target.label} <span className="muted">({target.requirement})</span>
              </h3>
              <p>
                Đạt: <strong>{target.metShare}</strong> số người (tập thể) áp dụng —{" "}
                <Link to={target.applicableHref}>{target.applicable} hồ sơ</Link>
              </p>
              <ul className="inline-stats">
                {target.statuses.map((status) => (
                  <li key={status.status}>
                    {status.label}: <Link to={status.href}>{status.value}</Link>
                  </li>
                ))}
              </ul>
              {target.spread ? (
                <>
                  <Histogram
                    title={`Phân bố số liệu: ${target.label}`}
                    bins={target.spread.bins}
                    threshold={target.threshold}
                    unit={target.unit}
                    min={target.spread.min}
                    max={target.spread.max}
                  />
                  <p className="muted">
                    Thấp nhất {target.spread.minText} · trung vị {target.spread.medianText} · cao nhất {target.spread.maxText} (
                    {target.unit}; {target.spread.count} số liệu)
                  </p>
                </>
              ) : (
                <p className="muted">Chưa có số liệu.</p>
              )}
            </div>
          ))}
        </div>
      </section>

      <section className="card" aria-labelledby="overdue">
        <h2 id="overdue">Hồ sơ quá hạn xử lý (ngày làm việc)</h2>
        <p>
          Số hồ sơ quá hạn: <Link to={page.overdue.href}>{page.overdue.count}</Link>
        </p>
        {page.overdue.rows.length > 0 ? (
          <table>
            <thead>
              <tr>
                <th>Người (tập thể) được đề nghị</th>
                <th>Đơn vị</th>
                <th>Trạng thái</th>
                <th>Hạn xử lý</th>
                <th className="num">Quá hạn (ngày làm việc)</th>
              </tr>
            </thead>
            <tbody>
              {page.overdue.rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <Link to={`/ho-so/${row.id}`}>{row.name}</Link>
                  </td>
                  <td>{row.unit}</td>
                  <td>{row.state}</td>
                  <td>{row.dueDate}</td>
                  <td className="num">{row.workingDaysLate}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>

      <section className="card" aria-labelledby="sessions">
        <h2 id="sessions">Tham gia các phiên họp của Hội đồng</h2>
        {page.sessions.length === 0 ? (
          <p className="muted">Chưa có phiên bỏ phiếu nào.</p>
        ) : (
          <>
            <BarChart
              title="Tỷ lệ thành viên tham gia bỏ phiếu mỗi phiên"
              max={Math.max(...page.sessions.map((s) => s.members))}
              bars={page.sessions.map((s) => ({ label: s.title, value: s.voters, href: `/bo-phieu/${s.id}` }))}
            />
            <table>
              <thead>
                <tr>
                  <th>Phiên họp</th>
                  <th>Thời gian</th>
                  <th className="num">Thành viên</th>
                  <th className="num">Đã bỏ phiếu</th>
                  <th className="num">Tỷ lệ tham gia</th>
                  <th className="num">Phiếu đã bỏ / phải bỏ</th>
                  <th className="num">Hồ sơ thông qua</th>
                </tr>
              </thead>
              <tbody>
                {page.sessions.map((s) => (
                  <tr key={s.id}>
                    <td>
                      <Link to={`/bo-phieu/${s.id}`}>{s.title}</Link>
                      {s.open ? <span className="badge open">Đang mở</span> : null}
                    </td>
                    <td>{s.when}</td>
                    <td className="num">{s.members}</td>
                    <td className="num">{s.voters}</td>
                    <td className="num">{s.participation}</td>
                    <td className="num">
                      {s.ballots}/{s.ballotsDue}
                    </td>
                    <td className="num">{s.open ? "—" : `${s.passed}/${s.dossiers}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
    </>
  );
}
