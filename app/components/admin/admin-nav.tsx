import { NavLink } from "@remix-run/react";

// The administration's own menu, on each of its pages.
const LINKS = [
  { to: "/quan-tri", label: "Tổng quan", end: true },
  { to: "/quan-tri/don-vi", label: "Đơn vị" },
  { to: "/quan-tri/nguoi-dung", label: "Người dùng" },
  { to: "/ca-nhan", label: "Cá nhân, hộ gia đình" },
  { to: "/hoi-dong", label: "Hội đồng TĐKT" },
  { to: "/quan-tri/nhap-du-lieu", label: "Nhập từ Excel" },
];

export function AdminNav() {
  return (
    <nav className="admin-nav" aria-label="Quản trị">
      {LINKS.map((link) => (
        <NavLink key={link.to} to={link.to} end={link.end}>
          {link.label}
        </NavLink>
      ))}
    </nav>
  );
}
