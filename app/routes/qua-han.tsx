import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DOSSIER_STATE_LABELS } from "#machines/index.ts";
import { Pagination } from "~/components/ui/pagination.tsx";
import { OVERDUE_PAGE_SIZE, listOverdueDossiers } from "~/models/dossier-lists.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/format.ts";
import { pageFrom } from "~/utils/http.ts";
import { workingDaysBetween } from "~/utils/working-days.ts";

export const meta: MetaFunction = () => [{ title: "Hồ sơ quá hạn · Thi đua – Khen thưởng" }];

// The secretary's list of dossiers whose working-day deadline has passed, most overdue first.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "secretary");
  const page = pageFrom(request);
  const now = new Date();
  const { total, rows: dossiers } = await listOverdueDossiers(user, page, now);
  return {
    total,
    page,
    pages: Math.max(1, Math.ceil(total / OVERDUE_PAGE_SIZE)),
    dossiers: dossiers.map((dossier) => ({
      id: dossier.id,
      nominee: dossier.nominee.name,
      unit: dossier.unit.name,
      movement: `${dossier.movement.title} (${dossier.movement.year})`,
      state: DOSSIER_STATE_LABELS[dossier.state],
      dueAt: formatDate(dossier.dueAt!),
      lateBy: workingDaysBetween(dossier.dueAt!, now),
    })),
  };
}

export default function OverduePage() {
  const { total, page, pages, dossiers } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Hồ sơ quá hạn xử lý</h1>
      <p className="muted">Thời hạn tính theo ngày làm việc (không kể thứ Bảy, Chủ nhật và ngày lễ, Tết). Có {total} hồ sơ quá hạn.</p>
      {dossiers.length === 0 ? (
        <p className="notice">Không có hồ sơ nào quá hạn.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Hồ sơ</th>
              <th>Đơn vị trình</th>
              <th>Trạng thái</th>
              <th>Hạn xử lý</th>
              <th className="num">Quá hạn</th>
            </tr>
          </thead>
          <tbody>
            {dossiers.map((dossier) => (
              <tr key={dossier.id}>
                <td>
                  <Link to={`/ho-so/${dossier.id}`}>{dossier.nominee}</Link>
                  <div className="muted">{dossier.movement}</div>
                </td>
                <td>{dossier.unit}</td>
                <td>{dossier.state}</td>
                <td>{dossier.dueAt}</td>
                <td className="num">
                  <span className="badge bad">{dossier.lateBy > 0 ? `${dossier.lateBy} ngày làm việc` : "Hôm nay"}</span>
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
