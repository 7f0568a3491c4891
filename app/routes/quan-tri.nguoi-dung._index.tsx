// The accounts an admin administers: searched by name or username without tone marks, filtered in the URL.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { AdminNav } from "~/components/admin/admin-nav.tsx";
import { Pagination } from "~/components/ui/pagination.tsx";
import { USERS_PAGE_SIZE, listUsers } from "~/models/user-admin.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { pageFrom } from "~/utils/http.ts";
import { ROLE_LABELS, capitalize } from "~/utils/labels.ts";

export const meta: MetaFunction = () => [{ title: "Người dùng · Quản trị · Thi đua – Khen thưởng" }];

const STATES = { "dang-hoat-dong": true, "da-khoa": false } as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const url = new URL(request.url);
  const q = url.searchParams.get("q")?.trim() ?? "";
  const unitId = url.searchParams.get("don-vi");
  const state = url.searchParams.get("trang-thai");
  const active = state && Object.hasOwn(STATES, state) ? STATES[state as keyof typeof STATES] : null;
  const page = pageFrom(request);
  const { total, rows } = await listUsers(admin, { q, page, unitId, active });
  return {
    q,
    state: active === null ? "" : state!,
    unitId,
    page,
    pages: Math.max(1, Math.ceil(total / USERS_PAGE_SIZE)),
    total,
    users: rows.map((u) => ({
      id: u.id,
      username: u.username,
      fullName: u.fullName,
      title: u.title,
      unit: u.unit.name,
      active: u.active,
      mustChangePassword: u.mustChangePassword,
      roles: u.roles.map((r) => `${capitalize(ROLE_LABELS[r.role])} (${r.unit.name})`),
    })),
  };
}

export default function UsersPage() {
  const { q, state, unitId, page, pages, total, users } = useLoaderData<typeof loader>();
  const query = (n: number) => {
    const params = new URLSearchParams();
    if (q) params.set("q", q);
    if (state) params.set("trang-thai", state);
    if (unitId) params.set("don-vi", unitId);
    params.set("trang", String(n));
    return `?${params}`;
  };
  return (
    <>
      <div className="page-head">
        <h1>Người dùng</h1>
        <Link to="/quan-tri/nguoi-dung/moi" className="button">
          Tạo tài khoản
        </Link>
      </div>
      <AdminNav />
      <Form method="get" className="search-form" role="search">
        {unitId ? <input type="hidden" name="don-vi" value={unitId} /> : null}
        <div>
          <label htmlFor="q">Họ tên hoặc tên đăng nhập</label>
          <input id="q" name="q" type="text" defaultValue={q} />
        </div>
        <div>
          <label htmlFor="trang-thai">Trạng thái</label>
          <select id="trang-thai" name="trang-thai" defaultValue={state}>
            <option value="">Tất cả</option>
            <option value="dang-hoat-dong">Đang hoạt động</option>
            <option value="da-khoa">Đã khóa</option>
          </select>
        </div>
        <button type="submit" className="secondary">
          Tìm
        </button>
      </Form>
      {users.length === 0 ? (
        <p className="muted">Không có tài khoản nào phù hợp.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Họ và tên</th>
              <th>Tên đăng nhập</th>
              <th>Đơn vị, chức vụ</th>
              <th>Vai trò</th>
              <th>Trạng thái</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>
                  <Link to={`/quan-tri/nguoi-dung/${u.id}`}>{u.fullName}</Link>
                </td>
                <td>{u.username}</td>
                <td>
                  {u.unit}
                  {u.title ? <div className="muted">{u.title}</div> : null}
                </td>
                <td>{u.roles.length ? u.roles.join("; ") : <span className="muted">Chưa có vai trò</span>}</td>
                <td>{u.active ? u.mustChangePassword ? "Chờ đổi mật khẩu tạm thời" : "Đang hoạt động" : <strong>Đã khóa</strong>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={page} pages={pages} href={query} summary={`${total} tài khoản`} />
    </>
  );
}
