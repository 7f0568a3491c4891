// What the report routes share: the movement summary for a request, and the period of the statistics
// (?don-vi=…&tu=yyyy-mm-dd&den=yyyy-mm-dd, by default this year), read without ever failing on the URL.
import { movementSummary, statisticsUnits } from "~/models/reports.server.ts";
import { requireRole, type CurrentUser } from "./auth.server.ts";
import { invariantResponse } from "./http.ts";

export async function summaryFor(request: Request, movementId: string) {
  const user = await requireRole(request, ["secretary", "chairman", "vice_chairman"]);
  const summary = await movementSummary(user, movementId);
  invariantResponse(summary, "Không tìm thấy phong trào thi đua (hoặc bạn không phải Văn phòng, lãnh đạo UBND xã tổ chức phong trào).", {
    status: 404,
  });
  return summary;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function isoDay(value: string | null): string | null {
  const match = value ? ISO_DAY.exec(value) : null;
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value && date.getUTCFullYear() >= 1900 && date.getUTCFullYear() < 2200 ? value : null;
}

export async function statisticsQuery(user: CurrentUser, request: Request) {
  const params = new URL(request.url).searchParams;
  const units = await statisticsUnits(user);
  const asked = params.get("don-vi");
  const unit = asked ? (units.find((u) => u.id === asked) ?? null) : (units[0] ?? null);
  const year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
  let from = isoDay(params.get("tu")) ?? `${year}-01-01`;
  let to = isoDay(params.get("den")) ?? `${year}-12-31`;
  let problem: string | null = null;
  if ((params.get("tu") && !isoDay(params.get("tu"))) || (params.get("den") && !isoDay(params.get("den")))) {
    problem = "Ngày không hợp lệ; đang hiển thị số liệu cả năm.";
  }
  if (from > to) {
    problem = "Ngày bắt đầu phải trước ngày kết thúc; đã đổi chỗ hai ngày.";
    [from, to] = [to, from];
  }
  return { units, unitId: unit?.id ?? null, from, to, problem };
}
