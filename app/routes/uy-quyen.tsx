// Ủy quyền ký (KT. CHỦ TỊCH): the chairman records which vice-chairman signs for which movement,
// from when to when; the vice-chairman sees the delegations given to them.
import { FormErrors } from "~/components/dossier/form-fields.tsx";
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { vnDate } from "~/forms/fields.ts";
import { createDelegation, delegationChoices, listDelegations, revokeDelegation } from "~/models/delegation.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/format.ts";

export const meta: MetaFunction = () => [{ title: "Ủy quyền ký · Thi đua – Khen thưởng" }];

export const DelegationSchema = z.object({
  delegateId: z.string({ error: "Vui lòng chọn Phó Chủ tịch được ủy quyền." }).max(200).min(1, "Vui lòng chọn Phó Chủ tịch được ủy quyền."),
  movementId: z.string({ error: "Vui lòng chọn phong trào." }).max(200).min(1, "Vui lòng chọn phong trào."),
  validFrom: vnDate({ label: "ngày bắt đầu" }),
  validTo: vnDate({ label: "ngày kết thúc" }),
  note: z.string().trim().max(500, "Ghi chú không quá 500 ký tự.").optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["chairman", "vice_chairman"]);
  const isChairman = user.grants.some((grant) => grant.role === "chairman");
  const [rows, choices] = await Promise.all([
    listDelegations(user),
    isChairman ? delegationChoices(user) : { viceChairmen: [], movements: [] },
  ]);
  const now = Date.now();
  return {
    isChairman,
    viceChairmen: choices.viceChairmen.map((u) => ({ id: u.id, label: u.title ? `${u.fullName} – ${u.title}` : u.fullName })),
    movements: choices.movements.map((m) => ({
      id: m.id,
      label: `${m.title} (${m.year})${m.version > 1 ? ` – phiên bản ${m.version}` : ""}`,
    })),
    today: formatDate(new Date()),
    delegations: rows.map((row) => ({
      id: row.id,
      delegator: row.delegator.fullName,
      delegate: row.delegate.fullName,
      movement: `${row.movement.title} (${row.movement.year})`,
      movementId: row.movement.id,
      period: `${formatDate(row.validFrom)} – ${formatDate(row.validTo)}`,
      note: row.note,
      status: row.revokedAt
        ? `Đã chấm dứt ngày ${formatDate(row.revokedAt)}`
        : row.validTo.getTime() < now
          ? "Hết hạn"
          : row.validFrom.getTime() > now
            ? "Chưa đến ngày hiệu lực"
            : "Đang hiệu lực",
      active: !row.revokedAt && row.validTo.getTime() >= now,
      revocable: isChairman && !row.revokedAt && row.validTo.getTime() >= now,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "chairman");
  const formData = await request.formData();
  if (formData.get("intent") === "revoke") {
    const result = await revokeDelegation(user, String(formData.get("delegationId") ?? ""));
    if (!result.ok) return data({ status: "error" as const, error: { "": [result.message] } }, { status: result.status });
    return redirect("/uy-quyen?xong=cham-dut");
  }
  const submission = parseWithZod(formData, { schema: DelegationSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await createDelegation(user, submission.value);
  if (!result.ok) {
    return data(submission.reply(result.field ? { fieldErrors: { [result.field]: [result.message] } } : { formErrors: [result.message] }), {
      status: result.status,
    });
  }
  return redirect("/uy-quyen?xong=uy-quyen");
}

const DONE: Record<string, string> = {
  "uy-quyen": "Đã ghi nhận ủy quyền. Phó Chủ tịch được ký thay (KT. CHỦ TỊCH) các quyết định của phong trào trong thời hạn ủy quyền.",
  "cham-dut": "Đã chấm dứt ủy quyền.",
};

export default function DelegationsPage() {
  const { isChairman, viceChairmen, movements, today, delegations } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm({
    id: "delegation",
    lastResult: lastResult && "initialValue" in lastResult ? lastResult : undefined,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DelegationSchema }),
    defaultValue: { validFrom: today },
  });
  const done = DONE[params.get("xong") ?? ""];
  const topError = lastResult && !("initialValue" in lastResult) ? lastResult.error?.[""]?.[0] : null;
  return (
    <>
      <p className="muted">
        <Link to="/phe-duyet">Phê duyệt khen thưởng</Link>
      </p>
      <h1>Ủy quyền ký quyết định khen thưởng</h1>
      <p className="muted">
        Phó Chủ tịch UBND xã chỉ được ký thay Chủ tịch (“KT. CHỦ TỊCH / PHÓ CHỦ TỊCH”) phê duyệt hồ sơ, quyết định khen thưởng và Giấy khen
        của phong trào đã được ủy quyền, trong thời hạn ủy quyền.
      </p>
      {done ? <p className="notice">{done}</p> : null}
      {topError ? (
        <p className="form-error" role="alert">
          {topError}
        </p>
      ) : null}

      {isChairman ? (
        <Form method="post" className="stack card" {...getFormProps(form)}>
          <h2 style={{ marginTop: 0 }}>Ủy quyền mới</h2>
          <FormErrors errors={form.errors} id={form.errorId} />
          <div>
            <label htmlFor={fields.delegateId.id}>Người được ủy quyền (Phó Chủ tịch UBND xã)</label>
            <select {...getSelectProps(fields.delegateId)}>
              <option value="">— Chọn —</option>
              {viceChairmen.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.label}
                </option>
              ))}
            </select>
            <p className="field-error" aria-live="polite" id={fields.delegateId.errorId}>
              {fields.delegateId.errors}
            </p>
          </div>
          <div>
            <label htmlFor={fields.movementId.id}>Phong trào thi đua</label>
            <select {...getSelectProps(fields.movementId)}>
              <option value="">— Chọn —</option>
              {movements.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </select>
            <p className="field-error" aria-live="polite" id={fields.movementId.errorId}>
              {fields.movementId.errors}
            </p>
          </div>
          <div>
            <label htmlFor={fields.validFrom.id}>Từ ngày (ngày/tháng/năm)</label>
            <input {...getInputProps(fields.validFrom, { type: "text" })} placeholder="dd/mm/yyyy" />
            <p className="field-error" aria-live="polite" id={fields.validFrom.errorId}>
              {fields.validFrom.errors}
            </p>
          </div>
          <div>
            <label htmlFor={fields.validTo.id}>Đến hết ngày (ngày/tháng/năm)</label>
            <input {...getInputProps(fields.validTo, { type: "text" })} placeholder="dd/mm/yyyy" />
            <p className="field-error" aria-live="polite" id={fields.validTo.errorId}>
              {fields.validTo.errors}
            </p>
          </div>
          <div>
            <label htmlFor={fields.note.id}>Ghi chú (không bắt buộc, ví dụ: Chủ tịch đi công tác)</label>
            <textarea {...getTextareaProps(fields.note)} rows={2} />
            <p className="field-error" aria-live="polite" id={fields.note.errorId}>
              {fields.note.errors}
            </p>
          </div>
          <div>
            <button type="submit" className="primary" disabled={viceChairmen.length === 0}>
              Ghi nhận ủy quyền
            </button>
            {viceChairmen.length === 0 ? <p className="muted">Xã chưa có tài khoản Phó Chủ tịch UBND xã.</p> : null}
          </div>
        </Form>
      ) : null}

      <h2>{isChairman ? "Các ủy quyền đã ghi nhận" : "Ủy quyền của bạn"}</h2>
      {delegations.length === 0 ? (
        <p className="muted">Chưa có ủy quyền nào.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Người ủy quyền</th>
              <th>Người được ủy quyền</th>
              <th>Phong trào</th>
              <th>Thời hạn</th>
              <th>Tình trạng</th>
              {isChairman ? <th /> : null}
            </tr>
          </thead>
          <tbody>
            {delegations.map((d) => (
              <tr key={d.id}>
                <td>{d.delegator}</td>
                <td>{d.delegate}</td>
                <td>
                  <Link to={`/phong-trao/${d.movementId}`}>{d.movement}</Link>
                  {d.note ? <div className="muted">{d.note}</div> : null}
                </td>
                <td>{d.period}</td>
                <td>{d.active ? <span className="badge open">{d.status}</span> : <span className="badge">{d.status}</span>}</td>
                {isChairman ? (
                  <td>
                    {d.revocable ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="delegationId" value={d.id} />
                        <button type="submit" className="secondary">
                          Chấm dứt
                        </button>
                      </Form>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
