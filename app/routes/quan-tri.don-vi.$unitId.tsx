// One unit's administration: its details (name, kind, parent, place name, the authority line of documents),
// its head (người đứng đầu), ending it or merging it into another on a date, and its history.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { AdminNav } from "~/components/admin/admin-nav.tsx";
import { History } from "~/components/admin/history.tsx";
import { DateField, FormErrors, SelectField, TextField } from "~/components/dossier/form-fields.tsx";
import { RevisionField, revalidateAfterStaleSave } from "~/components/revision-field.tsx";
import { formatIsoDate } from "~/forms/fields.ts";
import { EndUnitSchema, PARENT_KINDS, UNIT_KINDS, UnitHeadSchema, UnitSchema } from "~/forms/admin.ts";
import { postedRevision, revisionOf } from "~/forms/revision.ts";
import { describeHistory } from "~/models/audit-history.server.ts";
import { endUnit, loadUnitForAdmin, setUnitHead, updateUnit } from "~/models/unit-admin.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/format.ts";
import { invariantResponse } from "~/utils/http.ts";
import { UNIT_KIND_LABELS } from "~/utils/labels.ts";
import type { Refused } from "~/utils/result.ts";
import { toVnIsoDate } from "~/utils/working-days.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.unit.name ?? "Đơn vị"} · Quản trị · Thi đua – Khen thưởng` },
];
export const shouldRevalidate = revalidateAfterStaleSave;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin");
  const loaded = await loadUnitForAdmin(user, params.unitId!);
  invariantResponse(loaded, "Không tìm thấy đơn vị trong phạm vi bạn quản trị.", { status: 404 });
  const { unit, parentChoices, mergeChoices, headChoices, history } = loaded;
  // The kinds this unit may take under its current parent (and keep its children under it).
  const kinds = UNIT_KINDS.filter((kind) => (unit.parentId ? PARENT_KINDS[kind].length > 0 : kind === "province"));
  return {
    unit: {
      id: unit.id,
      code: unit.code,
      name: unit.name,
      kind: unit.kind,
      kindLabel: UNIT_KIND_LABELS[unit.kind],
      parent: unit.parent,
      ended: unit.endedAt ? formatDate(unit.endedAt) : null,
      mergedInto: unit.mergedInto,
      mergedFrom: unit.mergedFrom.map((u) => ({ ...u, endedAt: u.endedAt ? formatDate(u.endedAt) : null })),
      head: unit.head,
      children: unit.children.map((c) => ({ id: c.id, name: c.name, kind: UNIT_KIND_LABELS[c.kind], ended: Boolean(c.endedAt) })),
      users: unit._count.users,
      people: unit._count.people,
      canHaveChildren: !unit.endedAt && UNIT_KINDS.some((kind) => PARENT_KINDS[kind].includes(unit.kind)),
    },
    /** The version the three forms were opened at: each refuses to overwrite a change saved since. */
    revision: revisionOf(unit.updatedAt),
    values: {
      name: unit.name,
      kind: unit.kind,
      parentId: unit.parentId ?? "",
      placeName: unit.placeName ?? "",
      authorityName: unit.authorityName ?? "",
    },
    kinds: kinds.map((kind) => ({ value: kind, label: UNIT_KIND_LABELS[kind] })),
    parentChoices: [...(unit.parent && !parentChoices.some((p) => p.id === unit.parent!.id) ? [unit.parent] : []), ...parentChoices].map(
      (p) => ({ value: p.id, label: p.name }),
    ),
    mergeChoices: mergeChoices.map((u) => ({ value: u.id, label: u.name })),
    headChoices: headChoices.map((p) => ({ value: p.id, label: p.position ? `${p.fullName} — ${p.position}` : p.fullName })),
    today: formatIsoDate(toVnIsoDate(new Date())),
    history: await describeHistory(history),
  };
}

type Reply = { intent: "sua" | "nguoi-dung-dau" | "ket-thuc"; result: SubmissionResult<string[]> };

function replyWith(intent: Reply["intent"], result: SubmissionResult<string[]>, status = 200) {
  return data<Reply>({ intent, result }, { status });
}

const refusedReply = (refusal: Refused) =>
  refusal.field ? { fieldErrors: { [refusal.field]: [refusal.message] } } : { formErrors: [refusal.message] };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "admin");
  const formData = await request.formData();
  const intent = formData.get("intent");
  const unitId = params.unitId!;
  const revision = postedRevision(formData);
  if (intent === "sua") {
    const submission = parseWithZod(formData, { schema: UnitSchema });
    if (submission.status !== "success") return replyWith(intent, submission.reply(), 400);
    const result = await updateUnit(user, unitId, { ...submission.value, revision });
    if (!result.ok) return replyWith(intent, submission.reply(refusedReply(result)), result.status);
    return redirect(`/quan-tri/don-vi/${unitId}?da-luu=1`);
  }
  if (intent === "nguoi-dung-dau") {
    const submission = parseWithZod(formData, { schema: UnitHeadSchema });
    if (submission.status !== "success") return replyWith(intent, submission.reply(), 400);
    const result = await setUnitHead(user, unitId, submission.value.headPersonId || null, { revision });
    if (!result.ok) return replyWith(intent, submission.reply(refusedReply(result)), result.status);
    return redirect(`/quan-tri/don-vi/${unitId}?da-luu=1`);
  }
  if (intent === "ket-thuc") {
    const submission = parseWithZod(formData, { schema: EndUnitSchema });
    if (submission.status !== "success") return replyWith(intent, submission.reply(), 400);
    const { endedOn, mergedIntoId } = submission.value;
    // The unit ends at the start of the day (Vietnam time) it is recorded as ended.
    const result = await endUnit(user, unitId, {
      endedAt: new Date(`${endedOn}T00:00:00+07:00`),
      mergedIntoId: mergedIntoId || null,
      revision,
    });
    if (!result.ok) return replyWith(intent, submission.reply(refusedReply(result)), result.status);
    return redirect(`/quan-tri/don-vi/${unitId}?da-luu=1`);
  }
  throw new Response("Thao tác không hợp lệ.", { status: 400 });
}

export default function UnitAdminPage() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const busy = navigation.state === "submitting";
  const { unit } = page;
  const resultOf = (intent: Reply["intent"]) => (reply?.intent === intent ? reply.result : undefined);
  // Once the unit has ended its forms are gone: a refusal (someone ended it meanwhile) shows at the top.
  const refusedWhileEnded = reply?.result.error?.[""]?.join(" ");

  const [editForm, edit] = useForm({
    id: "unit-edit",
    lastResult: resultOf("sua"),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UnitSchema }),
    defaultValue: page.values,
  });
  const [headForm, head] = useForm({
    id: "unit-head",
    lastResult: resultOf("nguoi-dung-dau"),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UnitHeadSchema }),
    defaultValue: { headPersonId: unit.head?.id ?? "" },
  });
  const [endForm, end] = useForm({
    id: "unit-end",
    lastResult: resultOf("ket-thuc"),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EndUnitSchema }),
    defaultValue: { endedOn: page.today, mergedIntoId: "" },
  });

  return (
    <>
      <p className="muted">
        <Link to="/quan-tri/don-vi">Đơn vị</Link>
        {unit.parent ? (
          <>
            {" "}
            › <Link to={`/quan-tri/don-vi/${unit.parent.id}`}>{unit.parent.name}</Link>
          </>
        ) : null}
      </p>
      <h1>{unit.name}</h1>
      <AdminNav />
      {searchParams.get("da-tao") ? <p className="notice">Đã tạo đơn vị.</p> : null}
      {searchParams.get("da-luu") ? <p className="notice">Đã lưu thay đổi.</p> : null}
      {unit.ended && refusedWhileEnded ? (
        <p className="form-error" role="alert">
          {refusedWhileEnded}
        </p>
      ) : null}
      <dl className="facts">
        <dt>Loại đơn vị</dt>
        <dd>{unit.kindLabel}</dd>
        <dt>Mã đơn vị</dt>
        <dd>{unit.code}</dd>
        <dt>Người đứng đầu</dt>
        <dd>
          {unit.head ? (
            <Link to={`/ca-nhan/${unit.head.id}`}>
              {unit.head.fullName}
              {unit.head.position ? ` — ${unit.head.position}` : ""}
            </Link>
          ) : (
            "Chưa xác định"
          )}
          {unit.head && !unit.head.user ? <span className="muted"> (chưa có tài khoản)</span> : null}
        </dd>
        <dt>Tài khoản, cá nhân</dt>
        <dd>
          <Link to={`/quan-tri/nguoi-dung?don-vi=${unit.id}`}>{unit.users} tài khoản</Link> ·{" "}
          <Link to={`/ca-nhan?don-vi=${unit.id}`}>{unit.people} người trong danh sách</Link>
        </dd>
        {unit.ended ? (
          <>
            <dt>Kết thúc hoạt động</dt>
            <dd>
              {unit.ended}
              {unit.mergedInto ? (
                <>
                  , sáp nhập vào <Link to={`/quan-tri/don-vi/${unit.mergedInto.id}`}>{unit.mergedInto.name}</Link>
                </>
              ) : null}
            </dd>
          </>
        ) : null}
        {unit.mergedFrom.length > 0 ? (
          <>
            <dt>Đơn vị đã sáp nhập vào đây</dt>
            <dd>
              {unit.mergedFrom.map((u, i) => (
                <span key={u.id}>
                  {i > 0 ? "; " : null}
                  <Link to={`/quan-tri/don-vi/${u.id}`}>{u.name}</Link>
                  {u.endedAt ? ` (từ ${u.endedAt})` : ""}
                </span>
              ))}
            </dd>
          </>
        ) : null}
      </dl>

      <h2>Đơn vị trực thuộc</h2>
      {unit.children.length === 0 ? <p className="muted">Không có.</p> : null}
      <ul>
        {unit.children.map((child) => (
          <li key={child.id}>
            <Link to={`/quan-tri/don-vi/${child.id}`} className={child.ended ? "ended" : undefined}>
              {child.name}
            </Link>{" "}
            <span className="muted">({child.kind})</span>
          </li>
        ))}
      </ul>
      {unit.canHaveChildren ? (
        <p>
          <Link to={`/quan-tri/don-vi/moi?cap-tren=${unit.id}`}>Thêm đơn vị trực thuộc</Link>
        </p>
      ) : null}

      {unit.ended ? null : (
        <>
          <h2>Thông tin đơn vị</h2>
          <Form method="post" className="stack card" {...getFormProps(editForm)}>
            <input type="hidden" name="intent" value="sua" />
            <RevisionField value={page.revision} />
            <FormErrors errors={editForm.errors} id={editForm.errorId} />
            <TextField meta={edit.name} label="Tên đơn vị" />
            <SelectField meta={edit.kind} label="Loại đơn vị" options={page.kinds} />
            {unit.kind === "province" ? null : (
              <SelectField meta={edit.parentId} label="Đơn vị cấp trên" options={page.parentChoices} placeholder="— Chọn —" />
            )}
            <TextField meta={edit.placeName} label="Địa danh ghi trên văn bản" hint="«Tam Phước, ngày … tháng … năm …»" />
            <TextField
              meta={edit.authorityName}
              label="Tên cơ quan ghi trên văn bản"
              hint="Ví dụ «Ủy ban nhân dân xã Tam Phước». Để trống thì dùng tên đơn vị."
            />
            <div>
              <button type="submit" className="primary" disabled={busy}>
                Lưu thông tin
              </button>
            </div>
          </Form>

          <h2>Người đứng đầu</h2>
          <Form method="post" className="stack card" {...getFormProps(headForm)}>
            <input type="hidden" name="intent" value="nguoi-dung-dau" />
            <RevisionField value={page.revision} />
            <FormErrors errors={headForm.errors} id={headForm.errorId} />
            <p className="muted">
              Người đứng đầu không tham gia biểu quyết hồ sơ của cá nhân, tập thể thuộc đơn vị mình (nếu là thành viên Hội đồng). Chọn từ
              danh sách cá nhân của xã.
            </p>
            <SelectField meta={head.headPersonId} label="Người đứng đầu" options={page.headChoices} placeholder="— Chưa xác định —" />
            <div>
              <button type="submit" className="primary" disabled={busy}>
                Lưu người đứng đầu
              </button>
            </div>
          </Form>

          <h2>Kết thúc hoạt động hoặc sáp nhập</h2>
          <Form method="post" className="stack card" {...getFormProps(endForm)}>
            <input type="hidden" name="intent" value="ket-thuc" />
            <RevisionField value={page.revision} />
            <FormErrors errors={endForm.errors} id={endForm.errorId} />
            <p className="muted">
              Không xóa dữ liệu: hồ sơ, quyết định, Giấy khen của đơn vị vẫn giữ nguyên. Khi sáp nhập, các đơn vị trực thuộc, cá nhân, tài
              khoản và vai trò còn hoạt động chuyển sang đơn vị nhận sáp nhập; đề nghị cấp trên gửi tới đơn vị nhận sáp nhập.
            </p>
            <DateField meta={end.endedOn} label="Ngày kết thúc hoạt động" />
            <SelectField
              meta={end.mergedIntoId}
              label="Sáp nhập vào (không bắt buộc)"
              options={page.mergeChoices}
              placeholder="— Không sáp nhập, chỉ kết thúc —"
            />
            <div>
              <button type="submit" className="secondary" disabled={busy}>
                Kết thúc hoạt động
              </button>
            </div>
          </Form>
        </>
      )}

      <h2>Lịch sử thay đổi</h2>
      <History rows={page.history} />
    </>
  );
}
