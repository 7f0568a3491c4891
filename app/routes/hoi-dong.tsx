import { getFormProps, getInputProps, getSelectProps, useForm, type FieldMetadata } from "@conform-to/react";
import { FormErrors } from "~/components/dossier/form-fields.tsx";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { RevisionField, revalidateAfterStaleSave } from "~/components/revision-field.tsx";
import { formatIsoDate, vnDate } from "~/forms/fields.ts";
import { postedRevision, revisionOf } from "~/forms/revision.ts";
import type { CouncilPosition } from "~/generated/prisma/enums.ts";
import { communeOfUser, councilCandidates, currentCouncil, saveCouncil } from "~/models/council.server.ts";
import { unitsWhereRole } from "~/models/org-unit.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { COUNCIL_POSITION_LABELS } from "~/utils/labels.ts";
import { toVnIsoDate } from "~/utils/working-days.ts";

export const meta: MetaFunction = () => [{ title: "Hội đồng Thi đua – Khen thưởng" }];
export const shouldRevalidate = revalidateAfterStaleSave;

const POSITIONS = ["chair", "vice_chair", "standing_member", "member"] as const satisfies readonly CouncilPosition[];
const whole = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `Vui lòng nhập ${label}.` })
    .int(`${label} phải là số nguyên.`)
    .min(min, `${label} không nhỏ hơn ${min}.`)
    .max(max, `${label} không lớn hơn ${max}.`);

const CouncilSchema = z
  .object({
    name: z
      .string({ error: "Vui lòng nhập tên Hội đồng." })
      .trim()
      .min(1, "Vui lòng nhập tên Hội đồng.")
      .max(200, "Tên Hội đồng không quá 200 ký tự."),
    termStart: vnDate({ label: "ngày bắt đầu nhiệm kỳ" }),
    termEnd: vnDate({ label: "ngày kết thúc nhiệm kỳ" }).optional(),
    quorumNum: whole("Tử số tỷ lệ tham dự", 1, 100),
    quorumDen: whole("Mẫu số tỷ lệ tham dự", 1, 100),
    thresholdPercent: whole("Tỷ lệ đồng ý", 1, 100),
    reminderHours: whole("Số giờ nhắc trước khi kết thúc", 1, 240),
    members: z
      .array(
        z.object({
          personId: z.string({ error: "Vui lòng chọn thành viên." }).max(200).min(1, "Vui lòng chọn thành viên."),
          position: z.enum(POSITIONS, { error: "Vui lòng chọn chức danh." }),
          title: z.string().trim().max(200).optional(),
        }),
        { error: "Hội đồng phải có ít nhất một thành viên." },
      )
      .min(1, "Hội đồng phải có ít nhất một thành viên."),
  })
  .superRefine((value, ctx) => {
    if (value.quorumNum > value.quorumDen)
      ctx.addIssue({ code: "custom", path: ["quorumNum"], message: "Tỷ lệ tham dự không vượt quá 1 (tử số ≤ mẫu số)." });
    if (value.termEnd && value.termEnd <= value.termStart)
      ctx.addIssue({ code: "custom", path: ["termEnd"], message: "Ngày kết thúc phải sau ngày bắt đầu nhiệm kỳ." });
    const ids = value.members.map((m) => m.personId);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: "custom", path: ["members"], message: "Một người chỉ có một ghế trong Hội đồng." });
    if (value.members.filter((m) => m.position === "chair").length !== 1) {
      ctx.addIssue({ code: "custom", path: ["members"], message: "Hội đồng có đúng một Chủ tịch Hội đồng." });
    }
  });

/** The commune whose council the user manages (admin or secretary) or sits on. */
async function communeOf(request: Request) {
  const user = await requireRole(request, ["admin", "secretary", "council_member", "chairman", "vice_chairman"]);
  const manages = unitsWhereRole(user, "admin", "secretary");
  const unit = await communeOfUser(user);
  if (!unit) throw new Response("Bạn không thuộc Ủy ban nhân dân xã nào.", { status: 403 });
  return { user, unit, canEdit: manages.includes(unit.id) };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { unit, canEdit } = await communeOf(request);
  const [council, people] = await Promise.all([currentCouncil(unit.id), councilCandidates(unit.id)]);
  return {
    unitName: unit.name,
    canEdit,
    revision: revisionOf(council?.updatedAt),
    people: people.map((p) => ({
      id: p.id,
      label: `${p.fullName}${p.position ? ` — ${p.position}` : ""}${p.user?.active ? "" : " (chưa có tài khoản)"}`,
    })),
    council: council && {
      name: council.name,
      termStart: formatIsoDate(toVnIsoDate(council.termStart)),
      termEnd: council.termEnd ? formatIsoDate(toVnIsoDate(council.termEnd)) : undefined,
      quorumNum: String(council.quorumNum),
      quorumDen: String(council.quorumDen),
      thresholdPercent: String(Math.round((council.thresholdNum * 100) / council.thresholdDen)),
      reminderHours: String(council.reminderHours),
      members: council.members.map((m) => ({
        personId: m.user.person?.id ?? "",
        userId: m.userId,
        position: m.position,
        title: m.title ?? "",
        fullName: m.user.fullName,
      })),
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, unit, canEdit } = await communeOf(request);
  if (!canEdit) throw new Response("Chỉ quản trị hệ thống hoặc Văn phòng UBND xã được cập nhật Hội đồng.", { status: 403 });
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: CouncilSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  const startOfDay = (iso: string) => new Date(`${iso}T00:00:00+07:00`);
  const result = await saveCouncil(
    user,
    unit.id,
    {
      name: v.name,
      termStart: startOfDay(v.termStart),
      termEnd: v.termEnd ? startOfDay(v.termEnd) : null,
      quorum: { num: v.quorumNum, den: v.quorumDen },
      threshold: { num: v.thresholdPercent, den: 100 },
      reminderHours: v.reminderHours,
      members: v.members.map((m) => ({ personId: m.personId, position: m.position, title: m.title || null })),
    },
    { revision: postedRevision(formData) },
  );
  if (!result.ok) return data(submission.reply({ formErrors: [result.message] }), { status: result.status });
  return redirect("/hoi-dong?da-luu=1");
}

export default function CouncilPage() {
  const { unitName, canEdit, people, council, revision } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "council",
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CouncilSchema }),
    defaultValue: council ?? {
      name: `Hội đồng Thi đua – Khen thưởng ${unitName.replace(/^UBND /, "")}`,
      quorumNum: "2",
      quorumDen: "3",
      thresholdPercent: "70",
      reminderHours: "24",
      members: [{ position: "chair" }],
    },
  });
  const members = fields.members.getFieldList();

  if (!canEdit) {
    return (
      <>
        <h1>{council?.name ?? "Hội đồng Thi đua – Khen thưởng"}</h1>
        {council ? (
          <>
            <p>
              Nhiệm kỳ từ {council.termStart}
              {council.termEnd ? ` đến ${council.termEnd}` : ""}. Biểu quyết hợp lệ khi có ít nhất {council.quorumNum}/{council.quorumDen}{" "}
              số thành viên tham gia; đề nghị khen thưởng khi có từ {council.thresholdPercent}% số thành viên có quyền biểu quyết đồng ý.
            </p>
            <ul>
              {council.members.map((m) => (
                <li key={m.userId}>
                  {m.fullName} — {COUNCIL_POSITION_LABELS[m.position]}
                  {m.title ? `, ${m.title}` : ""}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="muted">Xã chưa cập nhật thành phần Hội đồng.</p>
        )}
      </>
    );
  }

  return (
    <>
      <h1>Hội đồng Thi đua – Khen thưởng</h1>
      <p className="muted">
        Thay đổi ở đây chỉ áp dụng cho các phiên bỏ phiếu mở sau này; phiên đã mở giữ nguyên quy tắc và thành viên tại thời điểm mở.
      </p>
      <Form method="post" className="card stack" style={{ maxWidth: "none" }} {...getFormProps(form)}>
        <RevisionField value={revision} />
        <FormErrors errors={form.errors} id={form.errorId} />
        <Field label="Tên Hội đồng" meta={fields.name} />
        <div className="grid">
          <Field label="Nhiệm kỳ từ ngày (dd/mm/yyyy)" meta={fields.termStart} />
          <Field label="Đến ngày (không bắt buộc)" meta={fields.termEnd} />
        </div>
        <div className="grid">
          <Field label="Tỷ lệ tham dự tối thiểu — tử số" meta={fields.quorumNum} />
          <Field label="— mẫu số (mặc định 2/3)" meta={fields.quorumDen} />
          <Field label="Tỷ lệ đồng ý tối thiểu (%, trên số thành viên có quyền biểu quyết)" meta={fields.thresholdPercent} />
          <Field label="Nhắc thành viên chưa bỏ phiếu trước khi kết thúc (giờ)" meta={fields.reminderHours} />
        </div>
        <fieldset>
          <legend>Thành viên</legend>
          <p className="field-error" aria-live="polite" id={fields.members.errorId}>
            {fields.members.errors}
          </p>
          <table>
            <thead>
              <tr>
                <th>Họ và tên</th>
                <th>Chức danh trong Hội đồng</th>
                <th>Chức vụ ghi trong quyết định</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {members.map((member, index) => {
                const row = member.getFieldset();
                return (
                  <tr key={member.key}>
                    <td>
                      <select {...getSelectProps(row.personId)} aria-label="Thành viên">
                        <option value="">— Chọn —</option>
                        {people.map((p) => (
                          <option key={p.id} value={p.id}>
                            {p.label}
                          </option>
                        ))}
                      </select>
                      <p className="field-error" aria-live="polite">
                        {row.personId.errors}
                      </p>
                    </td>
                    <td>
                      <select {...getSelectProps(row.position)} aria-label="Chức danh">
                        {POSITIONS.map((p) => (
                          <option key={p} value={p}>
                            {COUNCIL_POSITION_LABELS[p]}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <input {...getInputProps(row.title, { type: "text" })} aria-label="Chức vụ" />
                    </td>
                    <td>
                      <button className="secondary" {...form.remove.getButtonProps({ name: fields.members.name, index })}>
                        Xoá
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <button
            className="secondary"
            {...form.insert.getButtonProps({ name: fields.members.name, defaultValue: { position: "member" } })}
          >
            Thêm thành viên
          </button>
        </fieldset>
        <div>
          <button type="submit" className="primary">
            Lưu Hội đồng
          </button>
        </div>
      </Form>
    </>
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any field of this form
function Field({ label, meta }: { label: string; meta: FieldMetadata<any, any, string[]> }) {
  return (
    <div>
      <label htmlFor={meta.id}>{label}</label>
      <input {...getInputProps(meta, { type: "text" })} />
      <p className="field-error" aria-live="polite" id={meta.errorId}>
        {meta.errors}
      </p>
    </div>
  );
}
