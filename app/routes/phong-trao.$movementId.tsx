import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useOutlet } from "@remix-run/react";
import { MOVEMENT_EVENT_LABELS, allowedMovementEvents } from "#machines/index.ts";
import { actorFor } from "~/models/dossier.server.ts";
import { awardLines, getVisibleMovement, movementSnapshot } from "~/models/movement.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { formatDate, formatNumber } from "~/utils/format.ts";
import { invariantResponse } from "~/utils/http.ts";
import { COMPARATOR_SYMBOLS, MOVEMENT_STATE_LABELS, NOMINEE_KIND_LABELS, SUBJECT_KIND_LABELS } from "~/utils/labels.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Phong trào"} · Thi đua – Khen thưởng` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const movement = await getVisibleMovement(user, params.movementId!);
  invariantResponse(movement, "Không tìm thấy phong trào thi đua.", { status: 404 });
  // The secretary of the movement's own commune manages it; the machine says which lifecycle buttons apply.
  const manages = user.grants.some((grant) => grant.role === "secretary" && grant.unitId === movement.unit.id);
  // The dashboard is the secretary's and the commune leaders'; the import of nominees an official's.
  const seesDashboard = user.grants.some(
    (grant) => ["secretary", "chairman", "vice_chairman"].includes(grant.role) && grant.unitId === movement.unit.id,
  );
  const imports = movement.state === "open" && user.grants.some((grant) => grant.role === "official");
  const events = manages ? allowedMovementEvents(movementSnapshot({ ...movement, unitId: movement.unit.id }), await actorFor(user)) : [];
  return {
    id: movement.id,
    title: movement.title,
    year: movement.year,
    unitName: movement.unit.name,
    state: MOVEMENT_STATE_LABELS[movement.state],
    version: movement.version,
    previousVersion: movement.previousVersion,
    nextVersion: movement.nextVersion && { ...movement.nextVersion, state: MOVEMENT_STATE_LABELS[movement.nextVersion.state] },
    canEdit: manages && movement.state !== "finished",
    seesDashboard,
    imports,
    events: events.map((type) => ({ type, label: MOVEMENT_EVENT_LABELS[type] })),
    legalBasis: movement.legalBasis,
    scope: movement.scope,
    subjects: movement.subjectKinds.map((kind) => SUBJECT_KIND_LABELS[kind]),
    awards: awardLines(movement.awards),
    deadline: formatDate(movement.submissionDeadline),
    screeningDays: movement.screeningDays,
    decisionDays: movement.decisionDays,
    quotas: movement.quotas.map((q) => `Không quá ${String(q.maxAwards).padStart(2, "0")} ${NOMINEE_KIND_LABELS[q.nomineeKind]}`),
    /** "Tiền thưởng: 200.000 đồng/người", as Điều 2 of the award decision will print it; 0 counts as none, as it does there. */
    prize:
      movement.prizeAmount === null || !movement.prizeAmount.greaterThan(0)
        ? "Không có tiền thưởng"
        : `Tiền thưởng: ${formatNumber(movement.prizeAmount.toString(), 0)} đồng/người`,
    targets: movement.targets.map((target) => ({
      id: target.id,
      area: target.area,
      label: target.label,
      requirement: `${COMPARATOR_SYMBOLS[target.comparator]} ${formatNumber(target.threshold.toString())} ${target.unit}`,
      note: [
        target.optional ? "nếu có" : null,
        target.appliesTo.length ? `áp dụng: ${target.appliesTo.map((k) => SUBJECT_KIND_LABELS[k]).join(", ")}` : null,
      ]
        .filter(Boolean)
        .join("; "),
    })),
  };
}

export default function MovementPage() {
  const movement = useLoaderData<typeof loader>();
  // Pages under /phong-trao/:id/… (sửa, trạng thái, phiên bản mới) replace this one rather than nest in it.
  const outlet = useOutlet();
  if (outlet) return outlet;
  return (
    <>
      <p className="muted">
        <Link to="/phong-trao">Phong trào thi đua</Link> › {movement.unitName} · Năm {movement.year}
        {movement.version > 1 || movement.nextVersion ? ` · Phiên bản ${movement.version}` : null}
      </p>
      <h1>Phong trào thi đua “{movement.title}”</h1>
      {movement.nextVersion ? (
        <p className="notice">
          Đã có <Link to={`/phong-trao/${movement.nextVersion.id}`}>phiên bản {movement.nextVersion.version}</Link> (
          {movement.nextVersion.state}). Hồ sơ đã nộp theo phiên bản này vẫn được xét theo chỉ tiêu dưới đây.
        </p>
      ) : null}
      {movement.previousVersion ? (
        <p className="muted">
          Thay thế <Link to={`/phong-trao/${movement.previousVersion.id}`}>phiên bản {movement.previousVersion.version}</Link>.
        </p>
      ) : null}
      {movement.canEdit || movement.events.length > 0 || movement.seesDashboard || movement.imports ? (
        <div className="actions">
          {movement.seesDashboard ? (
            <Link to={`/phong-trao/${movement.id}/tong-quan`} className="button secondary-button">
              Tổng quan, báo cáo
            </Link>
          ) : null}
          {movement.imports ? (
            <Link to={`/phong-trao/${movement.id}/nhap-ho-so`} className="button secondary-button">
              Nhập hồ sơ từ Excel
            </Link>
          ) : null}
          {movement.canEdit ? (
            <Link to={`/phong-trao/${movement.id}/sua`} className="button secondary-button">
              Sửa
            </Link>
          ) : null}
          {movement.events.map((event) => (
            <Form key={event.type} method="post" action={`/phong-trao/${movement.id}/trang-thai`}>
              <input type="hidden" name="event" value={event.type} />
              <button type="submit" className="primary">
                {event.label}
              </button>
            </Form>
          ))}
        </div>
      ) : null}
      <div className="card">
        <dl className="facts">
          <dt>Trạng thái</dt>
          <dd>{movement.state}</dd>
          <dt>Căn cứ</dt>
          <dd>
            {movement.legalBasis.map((line) => (
              <p key={line} style={{ margin: 0 }}>
                {line}
              </p>
            ))}
          </dd>
          {movement.scope ? (
            <>
              <dt>Phạm vi</dt>
              <dd>{movement.scope}</dd>
            </>
          ) : null}
          <dt>Đối tượng</dt>
          <dd>{movement.subjects.join("; ")}</dd>
          <dt>Hình thức khen thưởng, danh hiệu thi đua</dt>
          <dd>
            {movement.awards.map((line) => (
              <div key={line}>{line}</div>
            ))}
          </dd>
          <dt>Số lượng khen thưởng</dt>
          <dd>{movement.quotas.length ? movement.quotas.join("; ") : "Không giới hạn"}</dd>
          <dt>Tiền thưởng kèm Giấy khen</dt>
          <dd>{movement.prize}</dd>
          <dt>Hạn nộp hồ sơ</dt>
          <dd>{movement.deadline}</dd>
          <dt>Thời hạn xử lý</dt>
          <dd>
            Thẩm định trong {movement.screeningDays} ngày làm việc; quyết định trong {movement.decisionDays} ngày làm việc kể từ khi hồ sơ
            đầy đủ
          </dd>
        </dl>
      </div>
      <h2>Chỉ tiêu thi đua</h2>
      <table>
        <thead>
          <tr>
            <th>#</th>
            <th>Lĩnh vực</th>
            <th>Chỉ tiêu</th>
            <th className="num">Yêu cầu</th>
          </tr>
        </thead>
        <tbody>
          {movement.targets.map((target, index) => (
            <tr key={target.id}>
              <td>{index + 1}</td>
              <td>{target.area}</td>
              <td>
                {target.label}
                {target.note ? <div className="muted">{target.note}</div> : null}
              </td>
              <td className="num">{target.requirement}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
