import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PAGE_SIZE, countVisibleMovements, listVisibleMovements } from "~/models/movement.server.ts";
import { hasRole, requireUser } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/format.ts";
import { MOVEMENT_STATE_LABELS, NOMINEE_KIND_LABELS } from "~/utils/labels.ts";

export const meta: MetaFunction = () => [{ title: "Phong trào thi đua · Thi đua – Khen thưởng" }];

/** ?trang=N, from 1; anything else is the first page. */
function pageOf(request: Request): number {
  const page = Number(new URL(request.url).searchParams.get("trang"));
  return Number.isInteger(page) && page > 1 ? page : 1;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = pageOf(request);
  const [movements, total] = await Promise.all([
    listVisibleMovements(user, { take: PAGE_SIZE, skip: (page - 1) * PAGE_SIZE }),
    countVisibleMovements(user),
  ]);
  return {
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    total,
    canCreate: hasRole(user, "secretary"),
    movements: movements.map((movement) => ({
      id: movement.id,
      title: movement.title,
      year: movement.year,
      unitName: movement.unit.name,
      state: MOVEMENT_STATE_LABELS[movement.state],
      open: movement.state === "open",
      version: movement.version,
      superseded: movement.nextVersion !== null,
      deadline: formatDate(movement.submissionDeadline),
      quota: movement.quotas.map((q) => `không quá ${String(q.maxAwards).padStart(2, "0")} ${NOMINEE_KIND_LABELS[q.nomineeKind]}`).join("; "),
      targets: movement._count.targets,
      dossiers: movement.dossierCount,
    })),
  };
}

export default function Movements() {
  const { page, pages, total, canCreate, movements } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <h1>Phong trào thi đua</h1>
        {canCreate ? (
          <Link to="/phong-trao/moi" className="button">
            Phát động phong trào mới
          </Link>
        ) : null}
      </div>
      {movements.length === 0 ? (
        <p className="muted">{page > 1 ? "Không có phong trào nào ở trang này." : "Chưa có phong trào thi đua nào trong phạm vi đơn vị của bạn."}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Phong trào</th>
              <th>Năm</th>
              <th>Trạng thái</th>
              <th>Hạn nộp hồ sơ</th>
              <th>Số lượng khen thưởng</th>
              <th className="num">Chỉ tiêu</th>
              <th className="num">Hồ sơ</th>
            </tr>
          </thead>
          <tbody>
            {movements.map((movement) => (
              <tr key={movement.id}>
                <td>
                  <Link to={`/phong-trao/${movement.id}`}>{movement.title}</Link>
                  <div className="muted">
                    {movement.unitName}
                    {movement.version > 1 ? ` · phiên bản ${movement.version}` : null}
                    {movement.superseded ? " · đã có phiên bản mới" : null}
                  </div>
                </td>
                <td>{movement.year}</td>
                <td>
                  <span className={movement.open ? "badge open" : "badge"}>{movement.state}</span>
                </td>
                <td>{movement.deadline}</td>
                <td>{movement.quota || "Không giới hạn"}</td>
                <td className="num">{movement.targets}</td>
                <td className="num">{movement.dossiers}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={page} pages={pages} total={total} path="/phong-trao" noun="phong trào" />
    </>
  );
}

function Pager({ page, pages, total, path, noun }: { page: number; pages: number; total: number; path: string; noun: string }) {
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label="Phân trang">
      {page > 1 ? <Link to={`${path}?trang=${page - 1}`}>‹ Trang trước</Link> : <span />}
      <span>
        Trang {page}/{pages} · {total} {noun}
      </span>
      {page < pages ? <Link to={`${path}?trang=${page + 1}`}>Trang sau ›</Link> : <span />}
    </nav>
  );
}
