// The heading of every page of a dossier: who is nominated, in which movement, where the dossier stands.
import { NavLink } from "@remix-run/react";

export type DossierHeading = {
  id: string;
  nomineeName: string;
  nomineeDescription: string;
  movementId: string;
  movementTitle: string;
  unitName: string;
  stateLabel: string;
  state: string;
  dueDate: string | null;
  overdue: boolean;
};

const TABS = [
  { to: "", label: "Tổng quan hồ sơ", end: true },
  { to: "/to-trinh", label: "Tờ trình" },
  { to: "/bien-ban", label: "Biên bản họp" },
  { to: "/bao-cao", label: "Báo cáo thành tích" },
  { to: "/in", label: "Bản in (A4)" },
];

export function StateBadge({ state, label }: { state: string; label: string }) {
  const tone =
    state === "needs_supplement" ? "warn" : state === "rejected" || state === "council_failed" ? "bad" : state === "draft" ? "" : "open";
  return <span className={`badge ${tone} state-${state}`}>{label}</span>;
}

export function DueDate({ dueDate, overdue }: { dueDate: string | null; overdue: boolean }) {
  if (!dueDate) return null;
  return (
    <span className="due">
      Hạn xử lý: {dueDate} {overdue ? <span className="badge bad">Quá hạn</span> : null}
    </span>
  );
}

export function DossierHeader({ heading }: { heading: DossierHeading }) {
  return (
    <header className="dossier-header no-print">
      <p className="muted">
        <a href="/ho-so">Hồ sơ khen thưởng</a> · {heading.unitName} · Phong trào{" "}
        <a href={`/phong-trao/${heading.movementId}`}>{heading.movementTitle}</a>
      </p>
      <h1>
        {heading.nomineeName} <StateBadge state={heading.state} label={heading.stateLabel} />
      </h1>
      <p className="muted">
        {heading.nomineeDescription} <DueDate dueDate={heading.dueDate} overdue={heading.overdue} />
      </p>
      <nav className="dossier-tabs" aria-label="Các phần của hồ sơ">
        {TABS.map((tab) => (
          <NavLink key={tab.to} to={`/ho-so/${heading.id}${tab.to}`} end={tab.end}>
            {tab.label}
          </NavLink>
        ))}
      </nav>
    </header>
  );
}
