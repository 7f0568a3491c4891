// The administration's home: what an admin looks after, each count a link to its list.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AdminNav } from "~/components/admin/admin-nav.tsx";
import { adminOverview } from "~/models/unit-admin.server.ts";
import { requireRole } from "~/utils/auth.server.ts";

export const meta: MetaFunction = () => [{ title: "Quản trị · Thi đua – Khen thưởng" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin");
  return adminOverview(user);
}

export default function AdminHome() {
  const overview = useLoaderData<typeof loader>();
  const tiles = [
    { label: "Đơn vị đang hoạt động", value: overview.units, to: "/quan-tri/don-vi" },
    { label: "Tài khoản đang hoạt động", value: overview.activeUsers, to: "/quan-tri/nguoi-dung" },
    { label: "Tài khoản đã khóa", value: overview.inactiveUsers, to: "/quan-tri/nguoi-dung?trang-thai=da-khoa" },
    { label: "Cá nhân, hộ gia đình trong danh sách", value: overview.people, to: "/ca-nhan" },
  ];
  return (
    <>
      <h1>Quản trị hệ thống</h1>
      <AdminNav />
      <p className="muted">Phạm vi quản trị: {overview.scopes.join("; ")}.</p>
      <section className="card">
        <div className="grid">
          {tiles.map((tile) => (
            <div key={tile.label}>
              <div className="stat">{tile.value}</div>
              <Link to={tile.to}>{tile.label}</Link>
            </div>
          ))}
        </div>
      </section>
      <h2>Việc thường làm</h2>
      <ul>
        <li>
          <Link to="/quan-tri/don-vi">Cây đơn vị</Link>: thêm bộ phận, ấp/khu phố; sửa tên, địa danh, tên cơ quan ghi trên văn bản; đặt
          người đứng đầu; kết thúc hoặc sáp nhập đơn vị.
        </li>
        <li>
          <Link to="/quan-tri/nguoi-dung/moi">Tạo tài khoản</Link> cho cán bộ, công chức với vai trò theo đơn vị; cấp lại mật khẩu tạm thời,
          khóa hoặc mở khóa tài khoản.
        </li>
        <li>
          <Link to="/ca-nhan">Danh sách cá nhân, hộ gia đình</Link> của xã: người có thể được đề nghị khen thưởng và lịch sử khen thưởng của
          từng người.
        </li>
        <li>
          <Link to="/hoi-dong">Hội đồng Thi đua – Khen thưởng</Link>: thành viên, tỷ lệ tham dự và tỷ lệ đồng ý.
        </li>
        <li>
          <Link to="/quan-tri/nhap-du-lieu">Nhập đơn vị và cán bộ từ tệp Excel hoặc CSV</Link> theo mẫu.
        </li>
        <li>
          <Link to="/quan-tri/hop-thu-di">Hộp thư đi</Link> và <Link to="/quan-tri/mau-email">mẫu email</Link>.
        </li>
      </ul>
    </>
  );
}
