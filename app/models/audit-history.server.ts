// The history of a unit, an account or a person as the administration pages show it: each audit row as
// "who, when, what, before → after", with ids of units and people replaced by their names.
import { prisma } from "~/utils/db.server.ts";
import { formatDateTime } from "~/utils/format.ts";

const ACTION_LABELS: Record<string, string> = {
  "unit.CREATE": "Tạo đơn vị",
  "unit.UPDATE": "Sửa thông tin đơn vị",
  "unit.SET_HEAD": "Đặt người đứng đầu",
  "unit.END": "Kết thúc hoạt động",
  "unit.MERGE": "Sáp nhập vào đơn vị khác",
  "unit.IMPORT": "Nhập từ tệp",
  "user.CREATE": "Tạo tài khoản",
  "user.UPDATE": "Sửa thông tin tài khoản",
  "user.ROLES": "Thay đổi vai trò",
  "user.RESET_PASSWORD": "Cấp lại mật khẩu tạm thời",
  "user.DEACTIVATE": "Khóa tài khoản",
  "user.REACTIVATE": "Mở khóa tài khoản",
  "user.UNLOCK_SIGN_IN": "Cho đăng nhập lại ngay sau nhiều lần nhập sai mật khẩu",
  "user.CHANGE_PASSWORD": "Đổi mật khẩu",
  "user.EMAIL": "Đổi email nhận thông báo",
  "user.IMPORT": "Nhập từ tệp",
  "person.CREATE": "Thêm vào danh sách",
  "person.UPDATE": "Sửa thông tin",
  "person.PRIOR_AWARD": "Ghi khen thưởng đã đạt",
  "person.IMPORT": "Nhập từ tệp",
  "installation.FIRST_RUN": "Khởi tạo hệ thống",
};

const FIELD_LABELS: Record<string, string> = {
  name: "Tên",
  kind: "Loại",
  parentId: "Đơn vị cấp trên",
  placeName: "Địa danh",
  authorityName: "Tên cơ quan trên văn bản",
  headPersonId: "Người đứng đầu",
  endedAt: "Ngày kết thúc",
  mergedIntoId: "Sáp nhập vào",
  fullName: "Họ và tên",
  gender: "Giới tính",
  email: "Email",
  title: "Chức vụ",
  position: "Chức vụ",
  unitId: "Đơn vị",
  active: "Đang hoạt động",
  birthDate: "Ngày sinh",
  leftAt: "Thôi công tác",
  username: "Tên đăng nhập",
};

type Row = { id: string; createdAt: Date; actorName: string; action: string; data: unknown };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The rows, readable: action label and one "Trường: trước → sau" line per changed field. */
export async function describeHistory(rows: Row[]) {
  const ids = new Set<string>();
  for (const row of rows) {
    if (!isRecord(row.data)) continue;
    for (const side of [row.data.before, row.data.after]) {
      if (!isRecord(side)) continue;
      for (const [key, value] of Object.entries(side)) if (key.endsWith("Id") && typeof value === "string") ids.add(value);
    }
  }
  const [units, people] = await Promise.all([
    prisma.orgUnit.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } }),
    prisma.person.findMany({ where: { id: { in: [...ids] } }, select: { id: true, fullName: true } }),
  ]);
  const names = new Map<string, string>([...units.map((u) => [u.id, u.name] as const), ...people.map((p) => [p.id, p.fullName] as const)]);
  const show = (key: string, value: unknown): string => {
    if (value === null || value === undefined || value === "") return "(trống)";
    if (typeof value === "boolean") return value ? "có" : "không";
    if (key.endsWith("Id") && typeof value === "string") return names.get(value) ?? value;
    if (key === "gender") return value === "male" ? "Ông" : value === "female" ? "Bà" : String(value);
    if (key === "endedAt" || key === "leftAt") return typeof value === "string" ? formatDateTime(value).slice(0, 10) : String(value);
    return typeof value === "string" ? value : JSON.stringify(value);
  };
  return rows.map((row) => {
    const changes: string[] = [];
    if (isRecord(row.data)) {
      const before = isRecord(row.data.before) ? row.data.before : {};
      const after = isRecord(row.data.after) ? row.data.after : {};
      for (const key of Object.keys(FIELD_LABELS)) {
        if (!(key in after) && !(key in before)) continue;
        const from = show(key, before[key]);
        const to = show(key, after[key]);
        if (from !== to) changes.push(key in before ? `${FIELD_LABELS[key]}: ${from} → ${to}` : `${FIELD_LABELS[key]}: ${to}`);
      }
    }
    return {
      id: row.id,
      at: formatDateTime(row.createdAt),
      actor: row.actorName,
      action: ACTION_LABELS[row.action] ?? row.action,
      changes,
    };
  });
}
