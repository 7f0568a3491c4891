import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { MovementTable } from "~/components/movement-table.tsx";
import { Pagination } from "~/components/ui/pagination.tsx";
import { PAGE_SIZE, countVisibleMovements, listVisibleMovements, movementListRow } from "~/models/movement.server.ts";
import { hasRole, requireUser } from "~/utils/auth.server.ts";
import { pageFrom } from "~/utils/http.ts";

export const meta: MetaFunction = () => [{ title: "Phong trào thi đua · Thi đua – Khen thưởng" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = pageFrom(request);
  const [movements, total] = await Promise.all([
    listVisibleMovements(user, { take: PAGE_SIZE, skip: (page - 1) * PAGE_SIZE }),
    countVisibleMovements(user),
  ]);
  return {
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    total,
    canCreate: hasRole(user, "secretary"),
    movements: movements.map(movementListRow),
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
        <p className="muted">
          {page > 1 ? "Không có phong trào nào ở trang này." : "Chưa có phong trào thi đua nào trong phạm vi đơn vị của bạn."}
        </p>
      ) : (
        <MovementTable movements={movements} />
      )}
      <Pagination page={page} pages={pages} href={(n) => `/phong-trao?trang=${n}`} summary={`${total} phong trào`} />
    </>
  );
}
