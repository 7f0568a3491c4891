// The secretary's screening queue (thẩm định): submitted dossiers of the movements of their communes,
// oldest first. Accepting and returning go through the dossier workflow, nowhere else.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormMessage } from "~/components/ui/action-message.tsx";
import { Pagination } from "~/components/ui/pagination.tsx";
import { REASON_MAX_LENGTH, STALE_FORM, dossierEventFields, eventFormMessage, requiredReason } from "~/forms/dossier-event.ts";
import { actorFor, sendDossierEvent } from "~/models/dossier.server.ts";
import { PAGE_SIZE, isScreenable, listScreeningQueue } from "~/models/screening.server.ts";
import { forbidden, requireRole } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/format.ts";
import { pageFrom } from "~/utils/http.ts";
import { refused } from "~/utils/respond.server.ts";

export const meta: MetaFunction = () => [{ title: "Thẩm định hồ sơ · Thi đua – Khen thưởng" }];

export const ScreeningDecisionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("accept"), ...dossierEventFields }),
    z.object({
      intent: z.literal("return"),
      ...dossierEventFields,
      reason: requiredReason("Vui lòng ghi rõ lý do trả lại để đơn vị bổ sung."),
    }),
  ],
  { error: STALE_FORM },
);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "secretary");
  const page = pageFrom(request);
  const { rows, total } = await listScreeningQueue(user, { page });
  return {
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    total,
    rows: rows.map((row) => ({
      id: row.id,
      version: row.version,
      nominee: row.nominee,
      unitName: row.unitName,
      movement: row.movement,
      submittedAt: formatDate(row.submittedAt),
      dueAt: row.dueAt ? formatDate(row.dueAt) : null,
      overdue: row.overdue,
      complete: row.missing.length === 0 && row.missingTargets.length === 0,
      missing: row.missing,
      missingTargets: row.missingTargets,
      unmet: row.unmet,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "secretary");
  const form = Object.fromEntries(await request.formData());
  const page = typeof form.trang === "string" && /^\d+$/.test(form.trang) ? form.trang : "1";
  const parsed = ScreeningDecisionSchema.safeParse(form);
  if (!parsed.success) return refused(String(form.dossierId ?? ""), { message: eventFormMessage(parsed.error), status: 400 });
  const decision = parsed.data;
  // Only dossiers of the movements of the secretary's communes, checked in the query.
  if (!(await isScreenable(user, decision.dossierId))) throw forbidden();

  const result = await sendDossierEvent({
    dossierId: decision.dossierId,
    actor: await actorFor(user),
    command: decision.intent === "accept" ? { type: "ACCEPT_SCREENING" } : { type: "RETURN_FOR_SUPPLEMENT", reason: decision.reason },
    expectedVersion: decision.version,
  });
  // The workflow's message is Vietnamese and says why (conflict, incomplete, not allowed): shown as is.
  if (!result.ok) return refused(decision.dossierId, result);
  return redirect(`/tham-dinh?trang=${page}&xong=${decision.intent === "accept" ? "tiep-nhan" : "tra-lai"}`);
}

const DONE_NOTICES: Record<string, string> = {
  "tiep-nhan": "Đã tiếp nhận hồ sơ; hồ sơ chuyển sang chờ đưa ra Hội đồng.",
  "tra-lai": "Đã trả lại hồ sơ để đơn vị bổ sung; đơn vị sẽ nhận được thông báo kèm lý do.",
};

export default function ScreeningQueue() {
  const { page, pages, total, rows } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const done = DONE_NOTICES[searchParams.get("xong") ?? ""];
  const busy = navigation.state === "submitting";
  return (
    <>
      <h1>Thẩm định hồ sơ</h1>
      <p className="muted">Hồ sơ đã nộp, chờ kiểm tra tính đầy đủ — hồ sơ nộp trước ở trên. Hạn thẩm định tính theo ngày làm việc.</p>
      {done && !actionData ? <p className="notice">{done}</p> : null}
      <FormMessage data={actionData} orphanOf={rows.map((row) => row.id)} />
      {rows.length === 0 ? (
        <p className="muted">{page > 1 ? "Không có hồ sơ nào ở trang này." : "Không có hồ sơ nào đang chờ thẩm định."}</p>
      ) : (
        <table className="screening cards">
          <thead>
            <tr>
              <th>Người, tập thể được đề nghị</th>
              <th>Phong trào</th>
              <th>Ngày nộp</th>
              <th>Hạn thẩm định</th>
              <th>Kiểm tra</th>
              <th>Xử lý</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className={row.overdue ? "overdue" : undefined}>
                <td>
                  <Link to={`/ho-so/${row.id}`}>{row.nominee.name}</Link>
                  {row.nominee.position ? <div className="muted">{row.nominee.position}</div> : null}
                  <div className="muted">Đơn vị trình: {row.unitName}</div>
                </td>
                <td data-label="Phong trào">
                  <Link to={`/phong-trao/${row.movement.id}`}>{row.movement.title}</Link>
                  {row.movement.version > 1 ? <div className="muted">Phiên bản {row.movement.version}</div> : null}
                </td>
                <td data-label="Ngày nộp">{row.submittedAt}</td>
                <td data-label="Hạn thẩm định">
                  {row.dueAt ?? "—"}
                  {row.overdue ? (
                    <>
                      {" "}
                      <span className="badge bad">Quá hạn</span>
                    </>
                  ) : null}
                </td>
                <td data-label="Kiểm tra">
                  {row.complete ? (
                    <span className="badge open">Đầy đủ</span>
                  ) : (
                    <>
                      <span className="badge warn">Chưa đầy đủ</span>
                      <ul className="compact">
                        {row.missing.map((item) => (
                          <li key={item}>Thiếu: {item}</li>
                        ))}
                        {row.missingTargets.map((item) => (
                          <li key={item}>Chưa có số liệu: {item}</li>
                        ))}
                      </ul>
                    </>
                  )}
                  {row.unmet.length > 0 ? (
                    <>
                      <div>
                        <span className="badge bad">Chưa đạt {row.unmet.length} chỉ tiêu</span>
                      </div>
                      <ul className="compact">
                        {row.unmet.map((item) => (
                          <li key={item}>{item}</li>
                        ))}
                      </ul>
                    </>
                  ) : null}
                </td>
                <td className="decide" data-label="Xử lý">
                  <FormMessage data={actionData} target={row.id} />
                  {row.complete ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="accept" />
                      <input type="hidden" name="dossierId" value={row.id} />
                      <input type="hidden" name="version" value={row.version} />
                      <input type="hidden" name="trang" value={page} />
                      <button type="submit" className="primary" disabled={busy}>
                        Tiếp nhận
                      </button>
                    </Form>
                  ) : null}
                  <Form method="post" className="return-form">
                    <input type="hidden" name="intent" value="return" />
                    <input type="hidden" name="dossierId" value={row.id} />
                    <input type="hidden" name="version" value={row.version} />
                    <input type="hidden" name="trang" value={page} />
                    <label htmlFor={`reason-${row.id}`}>Lý do trả lại để bổ sung</label>
                    <textarea id={`reason-${row.id}`} name="reason" rows={2} required maxLength={REASON_MAX_LENGTH} />
                    <button type="submit" className="secondary" disabled={busy}>
                      Trả lại để bổ sung
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={page} pages={pages} href={(n) => `/tham-dinh?trang=${n}`} summary={`${total} hồ sơ`} />
    </>
  );
}
