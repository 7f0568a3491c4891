import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getVisibleMovement } from "~/models/movement.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { formatDate, formatNumber } from "~/utils/format.ts";
import { invariantResponse } from "~/utils/http.ts";
import { AWARD_FORM_LABELS, COMPARATOR_SYMBOLS, MOVEMENT_STATE_LABELS, NOMINEE_KIND_LABELS, SUBJECT_KIND_LABELS } from "~/utils/labels.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Phong trào"} · Thi đua – Khen thưởng` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const movement = await getVisibleMovement(user, params.movementId!);
  invariantResponse(movement, "Không tìm thấy phong trào thi đua.", { status: 404 });
  return {
    title: movement.title,
    year: movement.year,
    unitName: movement.unit.name,
    state: MOVEMENT_STATE_LABELS[movement.state],
    legalBasis: movement.legalBasis,
    scope: movement.scope,
    subjects: movement.subjectKinds.map((kind) => SUBJECT_KIND_LABELS[kind]),
    awardForms: movement.awardForms.map((form) => AWARD_FORM_LABELS[form]),
    deadline: formatDate(movement.submissionDeadline),
    screeningDays: movement.screeningDays,
    decisionDays: movement.decisionDays,
    quotas: movement.quotas.map((q) => `Không quá ${String(q.maxAwards).padStart(2, "0")} ${NOMINEE_KIND_LABELS[q.nomineeKind]}`),
    targets: movement.targets.map((target) => ({
      id: target.id,
      area: target.area,
      label: target.label,
      requirement: `${COMPARATOR_SYMBOLS[target.comparator]} ${formatNumber(target.threshold.toString())} ${target.unit}`,
      note: [target.optional ? "nếu có" : null, target.appliesTo.length ? `áp dụng: ${target.appliesTo.map((k) => SUBJECT_KIND_LABELS[k]).join(", ")}` : null]
        .filter(Boolean)
        .join("; "),
    })),
  };
}

export default function MovementPage() {
  const movement = useLoaderData<typeof loader>();
  return (
    <>
      <p className="muted">
        {movement.unitName} · Năm {movement.year}
      </p>
      <h1>Phong trào thi đua “{movement.title}”</h1>
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
          <dt>Hình thức khen thưởng</dt>
          <dd>{movement.awardForms.join("; ")}</dd>
          <dt>Số lượng khen thưởng</dt>
          <dd>{movement.quotas.length ? movement.quotas.join("; ") : "Không giới hạn"}</dd>
          <dt>Hạn nộp hồ sơ</dt>
          <dd>{movement.deadline}</dd>
          <dt>Thời hạn xử lý</dt>
          <dd>
            Thẩm định trong {movement.screeningDays} ngày làm việc; quyết định trong {movement.decisionDays} ngày làm việc kể từ khi hồ sơ đầy đủ
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
