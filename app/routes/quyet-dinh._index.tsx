// Award decisions (quyết định khen thưởng) of the user's communes, newest first.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listDecisions } from "~/models/award-decision.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/format.ts";

export const meta: MetaFunction = () => [{ title: "Quyết định khen thưởng · Thi đua – Khen thưởng" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["chairman", "vice_chairman", "secretary"]);
  const decisions = await listDecisions(user);
  return {
    canSign: user.grants.some((grant) => grant.role === "chairman" || grant.role === "vice_chairman"),
    // The printing settings are the chairman's and the secretary's (app/routes/cai-dat.in-giay-khen.tsx).
    canSetUpPrinting: user.grants.some((grant) => grant.role === "chairman" || grant.role === "secretary"),
    decisions: decisions.map((d) => ({
      id: d.id,
      number: d.number,
      decidedAt: formatDate(d.decidedAt),
      movement: `${d.movement.title} (${d.movement.year})`,
      signer: `${d.onBehalf ? "KT. Chủ tịch – Phó Chủ tịch" : "Chủ tịch"} ${d.signerName}`,
      awardees: d._count.entries,
      certificates: d._count.certificates,
    })),
  };
}

export default function DecisionsPage() {
  const { decisions, canSign, canSetUpPrinting } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <h1>Quyết định khen thưởng</h1>
        <div className="actions">
          {canSign ? (
            <Link className="button secondary-button" to="/phe-duyet">
              Phê duyệt khen thưởng
            </Link>
          ) : null}
          {canSetUpPrinting ? (
            <Link className="button secondary-button" to="/cai-dat/in-giay-khen">
              Thiết lập in phôi Giấy khen
            </Link>
          ) : null}
        </div>
      </div>
      {decisions.length === 0 ? (
        <p className="muted">Chưa có quyết định khen thưởng nào.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Số quyết định</th>
              <th>Ngày ký</th>
              <th>Phong trào</th>
              <th>Người ký</th>
              <th className="num">Số được khen</th>
              <th className="num">Giấy khen đã cấp</th>
            </tr>
          </thead>
          <tbody>
            {decisions.map((d) => (
              <tr key={d.id}>
                <td>
                  <Link to={`/quyet-dinh/${d.id}`}>{d.number}</Link>
                </td>
                <td>{d.decidedAt}</td>
                <td>{d.movement}</td>
                <td>{d.signer}</td>
                <td className="num">{d.awardees}</td>
                <td className="num">
                  {d.certificates}/{d.awardees}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
