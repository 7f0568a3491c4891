import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { FormErrors } from "~/components/dossier/form-fields.tsx";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { vnDate } from "~/forms/fields.ts";
import { openVotingSession, votingSessionChoices } from "~/models/voting.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/format.ts";
import { IdempotencyField } from "~/components/idempotency-field.tsx";
import { createOnce, newIdempotencyKey } from "~/utils/idempotency.server.ts";

export const meta: MetaFunction = () => [{ title: "Mở phiên bỏ phiếu · Thi đua – Khen thưởng" }];

const OpenSessionSchema = z.object({
  movementId: z.string({ error: "Vui lòng chọn phong trào." }).max(200).min(1),
  dossierIds: z.array(z.string().max(200), { error: "Vui lòng chọn ít nhất một hồ sơ." }).min(1, "Vui lòng chọn ít nhất một hồ sơ."),
  closesOn: vnDate({ label: "ngày kết thúc bỏ phiếu" }),
  closesAtTime: z
    .string({ error: "Vui lòng nhập giờ kết thúc (ví dụ 17:00)." })
    .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, "Giờ kết thúc có dạng giờ:phút, ví dụ 17:00."),
  title: z.string().trim().max(300).optional(),
  mode: z.enum(["online", "paper"], { error: "Vui lòng chọn hình thức bỏ phiếu." }),
  place: z.string().trim().max(300, "Địa điểm họp không quá 300 ký tự.").optional(),
});

/** dd/mm/yyyy + HH:mm in Vietnam (UTC+7, no daylight saving) → the instant. */
function vietnamInstant(isoDay: string, time: string): Date {
  const [year, month, day] = isoDay.split("-").map(Number) as [number, number, number];
  const [hours, minutes] = time.split(":").map(Number) as [number, number];
  return new Date(Date.UTC(year, month - 1, day, hours - 7, minutes));
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "secretary");
  const movementId = new URL(request.url).searchParams.get("phong-trao");
  const { movements, chosen, dossiers, council, recusals, nameMatches } = await votingSessionChoices(user, movementId);
  return {
    idempotencyKey: newIdempotencyKey(),
    movements: movements.map((m) => ({ id: m.id, label: `${m.title} (${m.year}) — ${m._count.dossiers} hồ sơ đã thẩm định` })),
    chosen: chosen && { id: chosen.id, title: chosen.title },
    council: council && { name: council.name, members: council.members.length },
    dossiers: dossiers.map((d) => ({
      id: d.id,
      label: `${d.nominee.name}${d.nominee.position ? `, ${d.nominee.position}` : ""} — ${d.unit.name}`,
    })),
    defaultDay: formatDate(new Date(Date.now() + 3 * 24 * 3600_000)),
    recusals: recusals.map((r) => `${r.memberName} — hồ sơ của ${r.nomineeName}: ${r.reason.toLowerCase()}`),
    nameMatches: nameMatches.map((m) => ({ dossierId: m.dossierId, memberName: m.memberName, nomineeName: m.nomineeName })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "secretary");
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: OpenSessionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { movementId, dossierIds, closesOn, closesAtTime, title, mode, place } = submission.value;
  const result = await createOnce(
    formData,
    user.id,
    () => openVotingSession(user, { movementId, dossierIds, closesAt: vietnamInstant(closesOn, closesAtTime), title, mode, place }),
    (opened) => (opened.ok ? `/bo-phieu/${opened.sessionId}` : null),
  );
  if (result instanceof Response) return result;
  if (!result.ok) return data(submission.reply({ formErrors: [result.message] }), { status: result.status });
  return redirect(`/bo-phieu/${result.sessionId}`);
}

export default function OpenSessionPage() {
  const { movements, chosen, council, dossiers, defaultDay, recusals, nameMatches, idempotencyKey } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "open-session",
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OpenSessionSchema }),
    defaultValue: {
      movementId: chosen?.id,
      dossierIds: dossiers.map((d) => d.id),
      closesOn: defaultDay,
      closesAtTime: "17:00",
      mode: "online",
    },
  });
  return (
    <>
      <p className="muted">
        <Link to="/bo-phieu">Phiên bỏ phiếu</Link>
      </p>
      <h1>Mở phiên bỏ phiếu của Hội đồng</h1>
      <Form method="get" className="stack card">
        <label htmlFor="phong-trao">Phong trào thi đua</label>
        <select id="phong-trao" name="phong-trao" defaultValue={chosen?.id ?? ""}>
          <option value="">— Chọn phong trào —</option>
          {movements.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
        <button type="submit" className="secondary">
          Xem hồ sơ đã thẩm định
        </button>
      </Form>

      {chosen ? (
        <Form method="post" className="stack card" {...getFormProps(form)} style={{ maxWidth: "none" }}>
          <IdempotencyField value={idempotencyKey} />
          <FormErrors errors={form.errors} id={form.errorId} />
          <input type="hidden" name="movementId" value={chosen.id} />
          <p>
            {council
              ? `${council.name}: ${council.members} thành viên. Quy tắc biểu quyết và danh sách thành viên hiện hành được ghi vào phiên khi mở.`
              : "Xã chưa có Hội đồng Thi đua – Khen thưởng trong nhiệm kỳ: vui lòng cập nhật ở trang Hội đồng trước."}
          </p>
          {nameMatches.length > 0 ? (
            <div className="notice" role="alert">
              <strong>Cần kiểm tra trước khi mở phiên:</strong>
              <ul>
                {nameMatches.map((m) => (
                  <li key={`${m.dossierId}-${m.memberName}`}>
                    Thành viên {m.memberName} trùng tên với người được đề nghị {m.nomineeName}, nhưng hồ sơ chưa gắn với tài khoản của thành
                    viên nào. Nếu là cùng một người, hãy gắn người được đề nghị với tài khoản (trang Người dùng) để thành viên này tự động
                    không tham gia biểu quyết hồ sơ đó.
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {recusals.length > 0 ? (
            <div>
              <strong>Thành viên không tham gia biểu quyết (tự động):</strong>
              <ul>
                {recusals.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <fieldset>
            <legend>Hồ sơ đưa ra biểu quyết</legend>
            {dossiers.length === 0 ? <p className="muted">Không có hồ sơ nào đã thẩm định trong phong trào này.</p> : null}
            {dossiers.map((d) => (
              <label key={d.id} style={{ fontWeight: "normal" }}>
                <input type="checkbox" name="dossierIds" value={d.id} defaultChecked /> {d.label}
              </label>
            ))}
            <p className="field-error" aria-live="polite" id={fields.dossierIds.errorId}>
              {fields.dossierIds.errors}
            </p>
          </fieldset>
          <fieldset>
            <legend>Hình thức bỏ phiếu (một phiên chỉ dùng một hình thức)</legend>
            <label style={{ fontWeight: "normal" }}>
              <input type="radio" name={fields.mode.name} value="online" defaultChecked={fields.mode.initialValue !== "paper"} /> Bỏ phiếu
              kín trực tuyến trên phần mềm
            </label>
            <label style={{ fontWeight: "normal" }}>
              <input type="radio" name={fields.mode.name} value="paper" defaultChecked={fields.mode.initialValue === "paper"} /> Họp trực
              tiếp, bỏ phiếu kín bằng phiếu giấy (Thư ký in phiếu, nhập kết quả kiểm phiếu; Chủ tịch Hội đồng xác nhận)
            </label>
            <p className="field-error" aria-live="polite" id={fields.mode.errorId}>
              {fields.mode.errors}
            </p>
          </fieldset>
          <div>
            <label htmlFor={fields.place.id}>Địa điểm họp (bỏ phiếu giấy; không bắt buộc)</label>
            <input {...getInputProps(fields.place, { type: "text" })} placeholder="Trụ sở Ủy ban nhân dân xã" />
            <p className="field-error" aria-live="polite" id={fields.place.errorId}>
              {fields.place.errors}
            </p>
          </div>
          <div>
            <label htmlFor={fields.closesOn.id}>Ngày kết thúc bỏ phiếu, hoặc ngày họp nếu bỏ phiếu giấy (ngày/tháng/năm)</label>
            <input {...getInputProps(fields.closesOn, { type: "text" })} placeholder="dd/mm/yyyy" />
            <p className="field-error" aria-live="polite" id={fields.closesOn.errorId}>
              {fields.closesOn.errors}
            </p>
          </div>
          <div>
            <label htmlFor={fields.closesAtTime.id}>Giờ kết thúc (bỏ phiếu giấy: giờ họp)</label>
            <input {...getInputProps(fields.closesAtTime, { type: "text" })} placeholder="17:00" />
            <p className="field-error" aria-live="polite" id={fields.closesAtTime.errorId}>
              {fields.closesAtTime.errors}
            </p>
          </div>
          <div>
            <label htmlFor={fields.title.id}>Tên phiên (không bắt buộc)</label>
            <input {...getInputProps(fields.title, { type: "text" })} />
          </div>
          <div>
            <button type="submit" className="primary" disabled={!council || dossiers.length === 0}>
              Mở phiên bỏ phiếu
            </button>
          </div>
        </Form>
      ) : null}
    </>
  );
}
