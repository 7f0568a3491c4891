import type { Role } from "~/generated/prisma/enums.ts";

type NavItem = { to: string; label: string; roles: Role[] | "all"; group: "main" | "more" | "account" };

const REVIEWERS: Role[] = ["secretary", "council_member", "chairman", "vice_chairman"];

// The daily workflow first, the occasional pages under "Khác", the person's own pages by their name.
const ITEMS: NavItem[] = [
  { to: "/", label: "Trang chủ", roles: "all", group: "main" },
  { to: "/phong-trao", label: "Phong trào", roles: "all", group: "main" },
  { to: "/ho-so", label: "Hồ sơ", roles: ["official", ...REVIEWERS], group: "main" },
  { to: "/tham-dinh", label: "Thẩm định", roles: ["secretary"], group: "main" },
  { to: "/bo-phieu", label: "Bỏ phiếu", roles: REVIEWERS, group: "main" },
  { to: "/phe-duyet", label: "Phê duyệt", roles: ["chairman", "vice_chairman"], group: "main" },
  { to: "/quyet-dinh", label: "Quyết định", roles: ["chairman", "vice_chairman", "secretary"], group: "main" },
  { to: "/quan-tri", label: "Quản trị", roles: ["admin"], group: "main" },
  { to: "/qua-han", label: "Hồ sơ quá hạn", roles: ["secretary"], group: "more" },
  { to: "/giay-khen", label: "Giấy khen đã cấp", roles: ["chairman", "vice_chairman", "secretary"], group: "more" },
  { to: "/so-vang", label: "Sổ theo dõi khen thưởng", roles: ["chairman", "vice_chairman", "secretary"], group: "more" },
  { to: "/thong-ke", label: "Thống kê khen thưởng", roles: ["chairman", "vice_chairman", "secretary"], group: "more" },
  { to: "/phe-duyet/de-nghi-cap-tren", label: "Đề nghị cấp trên", roles: ["chairman", "secretary"], group: "more" },
  { to: "/uy-quyen", label: "Ủy quyền ký", roles: ["chairman", "vice_chairman"], group: "more" },
  { to: "/hoi-dong", label: "Hội đồng TĐKT", roles: ["admin", ...REVIEWERS], group: "more" },
  { to: "/ca-nhan", label: "Cá nhân, hộ gia đình", roles: "all", group: "more" },
  { to: "/cai-dat/in-giay-khen", label: "Cài đặt in Giấy khen", roles: ["chairman", "secretary"], group: "more" },
  { to: "/cai-dat/quyet-dinh", label: "Căn cứ ban hành quyết định", roles: ["chairman", "secretary"], group: "more" },
  { to: "/cai-dat/chu-ky-so", label: "Chữ ký số", roles: ["chairman", "admin"], group: "more" },
  { to: "/quan-tri/hop-thu-di", label: "Hộp thư đi", roles: ["admin"], group: "more" },
  { to: "/quan-tri/mau-email", label: "Mẫu email", roles: ["admin"], group: "more" },
  { to: "/quy-trinh", label: "Sơ đồ quy trình", roles: "all", group: "more" },
  { to: "/thong-bao", label: "Thông báo", roles: "all", group: "account" },
  { to: "/tai-khoan", label: "Tài khoản", roles: "all", group: "account" },
];

export type Navigation = Record<NavItem["group"], Array<{ to: string; label: string }>>;

export function navigationFor(roles: Role[]): Navigation {
  const visible = ITEMS.filter((item) => item.roles === "all" || item.roles.some((role) => roles.includes(role)));
  const group = (name: NavItem["group"]) => visible.filter((item) => item.group === name).map(({ to, label }) => ({ to, label }));
  return { main: group("main"), more: group("more"), account: group("account") };
}
