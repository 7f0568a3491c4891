// The chairman's queue (phê duyệt): dossiers passed by the council, in the movements the user signs
// for (their commune's as chairman, or delegated to them as vice-chairman). Approving and rejecting go
// through the dossier workflow; signing the decision numbers it.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormMessage } from "~/components/ui/action-message.tsx";
import { REASON_MAX_LENGTH, STALE_FORM, dossierEventFields, eventFormMessage, requiredReason } from "~/forms/dossier-event.ts";
import { percent } from "#machines/index.ts";
import { inSignOffScope, signOffQueue } from "~/models/approval.server.ts";
import { signAwardDecision } from "~/models/award-decision.server.ts";
import { actorFor, sendDossierEvent } from "~/models/dossier.server.ts";
import { forbidden, requireRole } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/format.ts";
import { refused } from "~/utils/respond.server.ts";

export const meta: MetaFunction = () => [{ title: "Phê duyệt khen thưởng · Thi đua – Khen thưởng" }];

export const SignOffSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("approve"), ...dossierEventFields }),
    z.object({
      intent: z.literal("reject"),
      ...dossierEventFields,
      reason: requiredReason("Vui lòng ghi rõ lý do không phê duyệt."),
    }),
    z.object({ intent: z.literal("sign"), movementId: z.string({ error: STALE_FORM }).max(200).min(1, STALE_FORM) }),
  ],
  { error: STALE_FORM },
);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["chairman", "vice_chairman"]);
  const movements = await signOffQueue(user);
  return {
    isChairman: user.grants.some((grant) => grant.role === "chairman"),
    movements: movements.map((movement) => ({
      ...movement,
      dossiers: movement.dossiers.map((dossier) => ({
        ...dossier,
        dueAt: dossier.dueAt ? formatDate(dossier.dueAt) : null,
        council: dossier.council
          ? {
              ...dossier.council,
              closedAt: dossier.council.closedAt ? formatDate(dossier.council.closedAt) : null,
              share: percent(dossier.council.agree, dossier.council.entitled),
            }
          : null,
        unmet: dossier.targets.filter((target) => target.status === "unmet" || target.status === "missing").length,
      })),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["chairman", "vice_chairman"]);
  const form = Object.fromEntries(await request.formData());
  const parsed = SignOffSchema.safeParse(form);
  if (!parsed.success)
    return refused(String(form.dossierId ?? form.movementId ?? ""), { message: eventFormMessage(parsed.error), status: 400 });
  const input = parsed.data;
  if (input.intent === "sign") {
    const result = await signAwardDecision(user, input.movementId);
    if (!result.ok) return refused(input.movementId, result);
    return redirect(`/quyet-dinh/${result.decisionId}?xong=ky`);
  }
  // Only dossiers of the movements the user signs for, checked in the query; the machine checks again.
  if (!(await inSignOffScope(user, input.dossierId))) throw forbidden();
  const result = await sendDossierEvent({
    dossierId: input.dossierId,
    actor: await actorFor(user),
    command: input.intent === "approve" ? { type: "APPROVE" } : { type: "REJECT", reason: input.reason },
    expectedVersion: input.version,
  });
  // The workflow's Vietnamese message (quota reached, conflict, not allowed) is shown as is.
  if (!result.ok) return refused(input.dossierId, result);
  return redirect(`/phe-duyet?xong=${input.intent === "approve" ? "phe-duyet" : "khong-phe-duyet"}`);
}

const DONE: Record<string, string> = {
  "phe-duyet": "Đã phê duyệt hồ sơ. Khi đã phê duyệt xong, ký quyết định khen thưởng cho các hồ sơ đã phê duyệt của phong trào.",
  "khong-phe-duyet": "Đã ghi nhận không phê duyệt hồ sơ; đơn vị trình khen sẽ nhận được thông báo kèm lý do.",
};

const STATUS_BADGE: Record<string, string> = { met: "open", not_applicable: "open", unmet: "bad", missing: "warn" };

export default function SignOffQueue() {
  const { movements } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const done = DONE[params.get("xong") ?? ""];
  const shown = new Set(movements.flatMap((m) => [m.id, ...m.dossiers.map((d) => d.id)]));
  return (
    <>
      <div className="page-head">
        <h1>Phê duyệt khen thưởng</h1>
        <div className="actions">
          <Link className="button secondary-button" to="/quyet-dinh">
            Quyết định đã ký
          </Link>
          <Link className="button secondary-button" to="/uy-quyen">
            Ủy quyền ký
          </Link>
        </div>
      </div>
      <p className="muted">
        Hồ sơ đã được Hội đồng Thi đua – Khen thưởng xã thông qua, chờ Chủ tịch UBND xã (hoặc Phó Chủ tịch được ủy quyền) phê duyệt. Số
        lượng khen thưởng của phong trào được kiểm tra lại khi phê duyệt.
      </p>
      {done && !failure ? <p className="notice">{done}</p> : null}
      <FormMessage data={failure} orphanOf={shown} />
      {movements.length === 0 ? <p className="muted">Không có hồ sơ nào đang chờ phê duyệt.</p> : null}
      {movements.map((movement) => (
        <section key={movement.id} className="card sign-off">
          <h2>
            <Link to={`/phong-trao/${movement.id}`}>
              Phong trào “{movement.title}” năm {movement.year}
            </Link>
          </h2>
          <p>
            {movement.quotas.length === 0 ? <span className="badge open">Không giới hạn số lượng khen thưởng</span> : null}
            {movement.quotas.map((quota) => (
              <span key={quota.kind} className={`badge ${quota.left === 0 ? "bad" : "open"} quota`}>
                Còn {quota.left} suất / không quá {String(quota.max).padStart(2, "0")} {quota.label}
              </span>
            ))}
          </p>
          {movement.undecidedApproved > 0 ? (
            <Form method="post" className="sign-decision">
              <input type="hidden" name="intent" value="sign" />
              <input type="hidden" name="movementId" value={movement.id} />
              <p>
                <strong>{movement.undecidedApproved}</strong> hồ sơ đã phê duyệt chưa có quyết định khen thưởng.
                {movement.prizeAmount ? ` Tiền thưởng: ${movement.prizeAmount.toLocaleString("vi-VN")} đồng mỗi cá nhân, tập thể.` : ""}
              </p>
              <button type="submit" className="primary" disabled={busy}>
                Ký quyết định khen thưởng ({movement.undecidedApproved} hồ sơ)
              </button>
              <FormMessage data={failure} target={movement.id} />
            </Form>
          ) : null}
          {movement.dossiers.length > 0 ? (
            <table className="sign-off-table cards">
              <thead>
                <tr>
                  <th>Cá nhân, tập thể được đề nghị</th>
                  <th>Kết quả Hội đồng</th>
                  <th>Chỉ tiêu thi đua</th>
                  <th>Quyết định</th>
                </tr>
              </thead>
              <tbody>
                {movement.dossiers.map((dossier) => (
                  <tr key={dossier.id} className={dossier.overdue ? "overdue" : undefined}>
                    <td>
                      <Link to={`/ho-so/${dossier.id}`}>{dossier.nominee.name}</Link>
                      {dossier.nominee.position ? <div className="muted">{dossier.nominee.position}</div> : null}
                      <div className="muted">Đơn vị trình: {dossier.unitName}</div>
                      {dossier.dueAt ? (
                        <div className="muted">
                          Hạn giải quyết: {dossier.dueAt} {dossier.overdue ? <span className="badge bad">Quá hạn</span> : null}
                        </div>
                      ) : null}
                    </td>
                    <td data-label="Kết quả Hội đồng">
                      {dossier.council ? (
                        <>
                          <div>
                            <strong>
                              {dossier.council.agree}/{dossier.council.entitled}
                            </strong>{" "}
                            đồng ý ({dossier.council.share}); {dossier.council.disagree} không đồng ý; {dossier.council.voted} phiếu thu về
                          </div>
                          <div>
                            {dossier.council.passed ? (
                              <span className="badge open">Hội đồng thông qua</span>
                            ) : (
                              <span className="badge bad">Không đạt</span>
                            )}
                          </div>
                          <a href={`/bo-phieu/${dossier.council.sessionId}/bien-ban.pdf`}>
                            Biên bản họp{dossier.council.closedAt ? ` ngày ${dossier.council.closedAt}` : ""} (PDF)
                          </a>
                        </>
                      ) : (
                        <span className="badge open">Hội đồng thông qua</span>
                      )}
                    </td>
                    <td data-label="Chỉ tiêu thi đua">
                      {/* Open when something is not met: that is what the chairman must look at. */}
                      <details open={dossier.unmet > 0}>
                        <summary>
                          {dossier.unmet === 0 ? (
                            <span className="badge open">
                              Đạt {dossier.targets.length}/{dossier.targets.length} chỉ tiêu
                            </span>
                          ) : (
                            <span className="badge bad">
                              Chưa đạt {dossier.unmet}/{dossier.targets.length} chỉ tiêu
                            </span>
                          )}
                        </summary>
                        <ul className="compact targets">
                          {dossier.targets.map((target) => (
                            <li key={target.label}>
                              <span className={`badge ${STATUS_BADGE[target.status]}`}>{target.statusLabel}</span> {target.label}:{" "}
                              {target.result} (yêu cầu {target.requirement})
                            </li>
                          ))}
                        </ul>
                      </details>
                    </td>
                    <td className="decide" data-label="Quyết định">
                      <FormMessage data={failure} target={dossier.id} />
                      <Form method="post">
                        <input type="hidden" name="intent" value="approve" />
                        <input type="hidden" name="dossierId" value={dossier.id} />
                        <input type="hidden" name="version" value={dossier.version} />
                        <button type="submit" className="primary" disabled={busy}>
                          Phê duyệt
                        </button>
                      </Form>
                      <Form method="post" className="return-form">
                        <input type="hidden" name="intent" value="reject" />
                        <input type="hidden" name="dossierId" value={dossier.id} />
                        <input type="hidden" name="version" value={dossier.version} />
                        <label htmlFor={`reason-${dossier.id}`}>Lý do không phê duyệt</label>
                        <textarea id={`reason-${dossier.id}`} name="reason" rows={2} required maxLength={REASON_MAX_LENGTH} />
                        <button type="submit" className="secondary" disabled={busy}>
                          Không phê duyệt
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
      ))}
    </>
  );
}
