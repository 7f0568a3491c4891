import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/ui/pagination.tsx";
import { unitsWhereRole } from "~/models/org-unit.server.ts";
import { SESSION_PAGE_SIZE, listVotingSessions } from "~/models/voting.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { formatDateTime } from "~/utils/format.ts";
import { pageFrom } from "~/utils/http.ts";

export const meta: MetaFunction = () => [{ title: "Bỏ phiếu · Thi đua – Khen thưởng" }];

// The sessions a person takes part in (as a member) or runs (secretary, chairman), newest first.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = pageFrom(request);
  const { total, sessions } = await listVotingSessions(user, page);
  return {
    canOpen: unitsWhereRole(user, "secretary").length > 0,
    page,
    pages: Math.max(1, Math.ceil(total / SESSION_PAGE_SIZE)),
    sessions: sessions.map((s) => ({
      id: s.id,
      title: s.title,
      open: s.state === "open",
      closesAt: formatDateTime(s.closesAt),
      dossiers: s._count.dossiers,
      myProgress: `${s.receipts.length}/${s._count.dossiers - s.recusals.length}`,
    })),
  };
}

export default function SessionsPage() {
  const { canOpen, sessions, page, pages } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Phiên họp xét khen thưởng</h1>
      {canOpen ? (
        <p>
          <Link className="button" to="/bo-phieu/moi">
            Mở phiên bỏ phiếu mới
          </Link>
        </p>
      ) : null}
      {sessions.length === 0 ? (
        <p className="muted">Chưa có phiên bỏ phiếu nào.</p>
      ) : (
        <table className="cards">
          <thead>
            <tr>
              <th>Phiên</th>
              <th>Trạng thái</th>
              <th>Kết thúc bỏ phiếu</th>
              <th className="num">Hồ sơ</th>
              <th className="num">Bạn đã bỏ phiếu</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link to={`/bo-phieu/${s.id}`}>{s.title}</Link>
                </td>
                <td data-label="Trạng thái">
                  {s.open ? <span className="badge open">Đang bỏ phiếu</span> : <span className="badge">Đã kết thúc</span>}
                </td>
                <td data-label="Kết thúc bỏ phiếu">{s.closesAt}</td>
                <td data-label="Hồ sơ" className="num">
                  {s.dossiers}
                </td>
                <td data-label="Bạn đã bỏ phiếu" className="num">
                  {s.myProgress}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={page} pages={pages} href={(n) => `?trang=${n}`} />
    </>
  );
}
