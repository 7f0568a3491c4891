// "Đạt" / "Chưa đạt" of a figure against its target, with the threshold ("≥ 99%").
import { FIGURE_STATUS_LABELS, type FigureStatus } from "#machines/figures.ts";

const CLASSES: Record<FigureStatus, string> = { met: "badge open", unmet: "badge bad", missing: "badge warn", not_applicable: "badge" };

export function FigureStatusBadge({ status, requirement }: { status: FigureStatus; requirement: string }) {
  return (
    <span className={`figure-status ${status}`} data-status={status}>
      <span className={CLASSES[status]}>{FIGURE_STATUS_LABELS[status]}</span> <span className="muted">(yêu cầu {requirement})</span>
    </span>
  );
}
