// A paper ballot at a council meeting: the secretary takes attendance, prints the sheets and enters the count;
// the chairman confirms it, which closes the session (app/models/paper-ballot.server.ts).
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormErrors, TextField } from "~/components/dossier/form-fields.tsx";
import { FormMessage } from "~/components/ui/action-message.tsx";
import { AttendanceSchema, PaperCountsSchema } from "~/forms/paper-count.ts";
import { confirmPaperCounts, recordAttendance, recordPaperCounts, viewPaperCount } from "~/models/paper-ballot.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { invariantResponse } from "~/utils/http.ts";
import { refused, throwIfNotFound } from "~/utils/respond.server.ts";
import type { ActionMessage } from "~/utils/result.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Kiểm phiếu bầu giấy${data ? ` — ${data.title}` : ""} · Thi đua – Khen thưởng` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const view = await viewPaperCount(user, params.sessionId!);
  invariantResponse(view, "Không tìm thấy phiên bỏ phiếu giấy.", { status: 404 });
  return view;
}

type Reply = { intent: "attendance" | "count"; reply: SubmissionResult<string[]> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const sessionId = params.sessionId!;
  const formData = await request.formData();
  const intent = formData.get("intent");
  const back = redirect(`/bo-phieu/${sessionId}/kiem-phieu`);

  if (intent === "confirm") {
    const result = await confirmPaperCounts(user, sessionId);
    if (!result.ok) {
      throwIfNotFound(result);
      return refused("confirm", result);
    }
    return redirect(`/bo-phieu/${sessionId}`);
  }
  if (intent === "attendance") {
    const submission = parseWithZod(formData, { schema: AttendanceSchema });
    if (submission.status !== "success") return data<Reply>({ intent, reply: submission.reply() }, { status: 400 });
    const result = await recordAttendance(user, { sessionId, presentIds: submission.value.presentIds });
    if (!result.ok) {
      throwIfNotFound(result);
      return data<Reply>({ intent, reply: submission.reply({ formErrors: [result.message] }) }, { status: result.status });
    }
    return back;
  }
  const submission = parseWithZod(formData, { schema: PaperCountsSchema });
  if (submission.status !== "success") return data<Reply>({ intent: "count", reply: submission.reply() }, { status: 400 });
  const result = await recordPaperCounts(user, { sessionId, counts: submission.value.counts });
  if (!result.ok) {
    throwIfNotFound(result);
    return data<Reply>({ intent: "count", reply: submission.reply({ formErrors: [result.message] }) }, { status: result.status });
  }
  return back;
}

function replyFor(answer: Reply | ActionMessage | undefined, intent: Reply["intent"]) {
  return answer && "intent" in answer && answer.intent === intent ? answer.reply : undefined;
}

export default function PaperCountPage() {
  const view = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const message = answer && "message" in answer ? answer : undefined;
  return (
    <>
      <p className="muted">
        <Link to="/bo-phieu">Phiên bỏ phiếu</Link> · <Link to={`/bo-phieu/${view.id}`}>{view.title}</Link>
      </p>
      <h1>Kiểm phiếu bầu giấy</h1>
      <p>
        Họp trực tiếp tại {view.place}. Mỗi thành viên có mặt nhận phiếu bầu kín (không ghi tên); thành viên không tham gia biểu quyết một
        hồ sơ không nhận phiếu có hồ sơ đó.
      </p>
      {!view.open ? <p className="notice">Phiên đã kết thúc; kết quả đã được Chủ tịch Hội đồng xác nhận.</p> : null}

      {view.isSecretary && view.open ? <AttendanceForm key={view.members.map((m) => `${m.userId}:${m.present}`).join()} /> : null}

      {view.attendanceTaken ? (
        <section className="card">
          <h2 style={{ marginTop: 0 }}>2. In phiếu bầu</h2>
          <p>
            <a className="button" href={`/bo-phieu/${view.id}/phieu-bau.pdf`}>
              Tải phiếu bầu (PDF)
            </a>
          </p>
        </section>
      ) : null}

      {view.isSecretary && view.open && view.attendanceTaken ? <CountForm key={view.counted?.at ?? "new"} /> : <CountSummary />}

      {view.open && view.counted ? (
        <section className="card">
          <h2 style={{ marginTop: 0 }}>4. Chủ tịch Hội đồng xác nhận</h2>
          <p>
            Kết quả do {view.counted.by} nhập lúc {view.counted.at}. Khi Chủ tịch Hội đồng xác nhận, kết quả được ghi vào từng hồ sơ theo
            đúng nguyên tắc biểu quyết của Hội đồng, phiên kết thúc và biên bản được lập.
          </p>
          {view.isChairman ? (
            <Form method="post">
              <input type="hidden" name="intent" value="confirm" />
              <button type="submit" className="primary" disabled={busy}>
                Xác nhận kết quả kiểm phiếu
              </button>
            </Form>
          ) : (
            <p className="muted">Chờ Chủ tịch Hội đồng xác nhận.</p>
          )}
          <FormMessage data={message} target="confirm" />
        </section>
      ) : null}
    </>
  );
}

function AttendanceForm() {
  const view = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "attendance",
    lastResult: replyFor(answer, "attendance"),
    defaultValue: { presentIds: view.members.filter((m) => m.present !== false).map((m) => m.userId) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AttendanceSchema }),
  });
  return (
    <Form method="post" className="card stack" {...getFormProps(form)} style={{ maxWidth: "none" }}>
      <h2 style={{ marginTop: 0 }}>1. Điểm danh</h2>
      <FormErrors errors={form.errors} id={form.errorId} />
      <input type="hidden" name="intent" value="attendance" />
      <fieldset>
        <legend>Thành viên có mặt</legend>
        {view.members.map((member) => (
          <label key={member.userId} style={{ fontWeight: "normal" }}>
            <input type="checkbox" name={fields.presentIds.name} value={member.userId} defaultChecked={member.present !== false} />{" "}
            {member.fullName} — {member.position}
          </label>
        ))}
      </fieldset>
      {view.counted ? <p className="muted">Thay đổi điểm danh sẽ xoá kết quả kiểm phiếu đã nhập (số phiếu phát ra thay đổi).</p> : null}
      <div>
        <button type="submit" className="secondary">
          {view.attendanceTaken ? "Cập nhật điểm danh" : "Ghi điểm danh"}
        </button>
      </div>
    </Form>
  );
}

function CountForm() {
  const view = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "paper-count",
    lastResult: replyFor(answer, "count"),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: {
      counts: view.dossiers.map((d) => ({
        dossierId: d.dossierId,
        issued: String(d.count?.issued ?? d.sheets),
        returned: d.count ? String(d.count.returned) : "",
        valid: d.count ? String(d.count.valid) : "",
        agree: d.count ? String(d.count.agree) : "",
        disagree: d.count ? String(d.count.disagree) : "",
      })),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PaperCountsSchema }),
  });
  const rows = fields.counts.getFieldList();
  return (
    <Form method="post" className="card stack" {...getFormProps(form)} style={{ maxWidth: "none" }}>
      <h2 style={{ marginTop: 0 }}>3. Nhập kết quả kiểm phiếu</h2>
      <FormErrors errors={form.errors} id={form.errorId} />
      <input type="hidden" name="intent" value="count" />
      {rows.map((row, index) => {
        const dossier = view.dossiers[index]!;
        const cells = row.getFieldset();
        return (
          <fieldset key={row.key} className="doc-section">
            <legend>
              {index + 1}. {dossier.nominee} — {dossier.unit}
            </legend>
            <p className="muted">
              {dossier.entitled} thành viên có quyền biểu quyết; {dossier.sheets} thành viên có mặt nhận phiếu.
              {dossier.recused.length > 0 ? ` Không tham gia biểu quyết: ${dossier.recused.join("; ")}.` : ""}
            </p>
            <input type="hidden" name={cells.dossierId.name} value={dossier.dossierId} />
            <TextField meta={cells.issued} label="Số phiếu phát ra" inputMode="numeric" />
            <TextField meta={cells.returned} label="Số phiếu thu về" inputMode="numeric" />
            <TextField meta={cells.valid} label="Số phiếu hợp lệ" inputMode="numeric" />
            <TextField meta={cells.agree} label="Số phiếu đồng ý" inputMode="numeric" />
            <TextField meta={cells.disagree} label="Số phiếu không đồng ý" inputMode="numeric" />
          </fieldset>
        );
      })}
      <div>
        <button type="submit" className="primary">
          {view.counted ? "Lưu lại kết quả kiểm phiếu" : "Lưu kết quả kiểm phiếu"}
        </button>
      </div>
    </Form>
  );
}

function CountSummary() {
  const view = useLoaderData<typeof loader>();
  if (!view.counted) return view.open ? <p className="muted">Thư ký chưa nhập kết quả kiểm phiếu.</p> : null;
  return (
    <section className="card">
      <h2 style={{ marginTop: 0 }}>3. Kết quả kiểm phiếu</h2>
      <table>
        <thead>
          <tr>
            <th>Cá nhân, tập thể được đề nghị</th>
            <th className="num">Phiếu phát ra</th>
            <th className="num">Phiếu thu về</th>
            <th className="num">Phiếu hợp lệ</th>
            <th className="num">Đồng ý</th>
            <th className="num">Không đồng ý</th>
          </tr>
        </thead>
        <tbody>
          {view.dossiers.map((d) => (
            <tr key={d.dossierId}>
              <td>{d.nominee}</td>
              <td className="num">{d.count?.issued}</td>
              <td className="num">{d.count?.returned}</td>
              <td className="num">{d.count?.valid}</td>
              <td className="num">{d.count?.agree}</td>
              <td className="num">{d.count?.disagree}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
