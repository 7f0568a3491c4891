// A person's page: details, their award history across years, movements and units (dossiers, decisions,
// certificates — revoked ones marked), and the earlier awards entered by hand, which pre-fill Mẫu 07.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { DOSSIER_STATE_LABELS } from "#machines/index.ts";
import { DateField, FormErrors, TextField } from "~/components/dossier/form-fields.tsx";
import { PriorAwardSchema } from "~/forms/admin.ts";
import { addPriorAward, loadPerson } from "~/models/people.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/format.ts";
import { invariantResponse } from "~/utils/http.ts";
import { AWARD_FORM_LABELS, HONORIFICS, PERSON_KIND_LABELS, capitalize } from "~/utils/labels.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.person.fullName ?? "Cá nhân"} · Thi đua – Khen thưởng` }];

const ALL_ROLES = ["official", "secretary", "council_member", "chairman", "vice_chairman", "admin"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, [...ALL_ROLES]);
  const loaded = await loadPerson(user, params.personId!);
  invariantResponse(loaded, "Không tìm thấy người này.", { status: 404 });
  const { person, dossiers, editable, unitVisible } = loaded;
  return {
    editable,
    person: {
      id: person.id,
      fullName: person.fullName,
      honorific: person.gender ? HONORIFICS[person.gender] : null,
      kind: capitalize(PERSON_KIND_LABELS[person.kind]),
      birthDate: person.birthDate ? formatDate(person.birthDate) : null,
      position: person.position,
      unit: person.unit,
      unitVisible,
      left: person.leftAt ? formatDate(person.leftAt) : null,
      account: person.user ? `${person.user.username}${person.user.active ? "" : " (đã khóa)"}` : null,
      headOf: person.headOf,
    },
    history: dossiers.map((d) => ({
      id: d.id,
      visible: d.visible,
      year: d.movement.year,
      movement: d.movement.title,
      awardForm: AWARD_FORM_LABELS[d.awardForm],
      asSubmitted: `${d.nominee.name}${d.nominee.position ? `, ${d.nominee.position}` : ""}`,
      unit: `${d.unit.name}${d.unit.mergedInto ? ` (nay sáp nhập vào ${d.unit.mergedInto.name})` : d.unit.endedAt ? " (đã kết thúc hoạt động)" : ""}`,
      state: DOSSIER_STATE_LABELS[d.state],
      decision: d.decisionEntry
        ? {
            id: d.decisionEntry.decision.id,
            number: d.decisionEntry.decision.number,
            date: formatDate(d.decisionEntry.decision.decidedAt),
            visible: d.decisionVisible,
          }
        : null,
      certificate: d.certificate
        ? {
            serial: d.certificate.serial,
            issued: formatDate(d.certificate.issuedAt),
            revoked: d.certificate.revokedAt ? formatDate(d.certificate.revokedAt) : null,
            revokedReason: d.certificate.revokedReason,
          }
        : null,
    })),
    priorAwards: person.priorAwards.map((a) => ({ ...a, decidedOn: formatDate(a.decidedOn) })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["official", "secretary", "admin"]);
  const submission = parseWithZod(await request.formData(), { schema: PriorAwardSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await addPriorAward(user, params.personId!, submission.value);
  if (!result.ok) return data(submission.reply({ formErrors: [result.message] }), { status: result.status });
  return redirect(`/ca-nhan/${params.personId}?da-ghi=1`);
}

export default function PersonPage() {
  const { editable, person, history, priorAwards } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "prior-award",
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PriorAwardSchema }),
  });
  return (
    <>
      <p className="muted">
        <Link to="/ca-nhan">Cá nhân, hộ gia đình</Link>
      </p>
      <div className="page-head">
        <h1>
          {person.honorific ? `${person.honorific} ` : ""}
          {person.fullName}
        </h1>
        {editable ? (
          <Link to={`/ca-nhan/${person.id}/sua`} className="button">
            Sửa thông tin
          </Link>
        ) : null}
      </div>
      <dl className="facts">
        <dt>Loại</dt>
        <dd>{person.kind}</dd>
        {person.position ? (
          <>
            <dt>Chức vụ</dt>
            <dd>{person.position}</dd>
          </>
        ) : null}
        {person.birthDate ? (
          <>
            <dt>Ngày sinh</dt>
            <dd>{person.birthDate}</dd>
          </>
        ) : null}
        <dt>Đơn vị</dt>
        <dd>{person.unitVisible ? <Link to={`/don-vi/${person.unit.id}`}>{person.unit.name}</Link> : person.unit.name}</dd>
        {person.headOf.length > 0 ? (
          <>
            <dt>Người đứng đầu</dt>
            <dd>{person.headOf.map((u) => u.name).join("; ")}</dd>
          </>
        ) : null}
        <dt>Tài khoản</dt>
        <dd>{person.account ?? "Chưa có"}</dd>
        {person.left ? (
          <>
            <dt>Thôi công tác</dt>
            <dd>{person.left}</dd>
          </>
        ) : null}
      </dl>

      <h2>Lịch sử khen thưởng</h2>
      {history.length === 0 ? (
        <p className="muted">Chưa có hồ sơ đề nghị khen thưởng nào trên hệ thống.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Năm</th>
              <th>Phong trào, hình thức</th>
              <th>Đơn vị trình, tên khi trình</th>
              <th>Hồ sơ</th>
              <th>Quyết định, Giấy khen</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr key={h.id}>
                <td>{h.year}</td>
                <td>
                  {h.movement}
                  <div className="muted">{h.awardForm}</div>
                </td>
                <td>
                  {h.unit}
                  <div className="muted">{h.asSubmitted}</div>
                </td>
                <td>{h.visible ? <Link to={`/ho-so/${h.id}`}>{h.state}</Link> : h.state}</td>
                <td>
                  {h.decision ? (
                    <div>
                      Quyết định{" "}
                      {h.decision.visible ? <Link to={`/quyet-dinh/${h.decision.id}`}>{h.decision.number}</Link> : h.decision.number} ngày{" "}
                      {h.decision.date}
                    </div>
                  ) : null}
                  {h.certificate ? (
                    <div>
                      Giấy khen số <Link to={`/xac-minh/${h.certificate.serial}`}>{h.certificate.serial}</Link> cấp {h.certificate.issued}
                      {h.certificate.revoked ? (
                        <strong>
                          {" "}
                          — ĐÃ THU HỒI ngày {h.certificate.revoked}
                          {h.certificate.revokedReason ? ` (${h.certificate.revokedReason})` : ""}
                        </strong>
                      ) : null}
                    </div>
                  ) : null}
                  {!h.decision && !h.certificate ? <span className="muted">—</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Khen thưởng đã đạt trước đây (ghi tay)</h2>
      {searchParams.get("da-ghi") ? <p className="notice">Đã ghi khen thưởng.</p> : null}
      {priorAwards.length === 0 ? (
        <p className="muted">Chưa ghi nhận.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Số quyết định</th>
              <th>Ngày</th>
              <th>Hình thức</th>
              <th>Cấp khen</th>
              <th>Ghi chú</th>
            </tr>
          </thead>
          <tbody>
            {priorAwards.map((a) => (
              <tr key={a.id}>
                <td>{a.decisionNumber}</td>
                <td>{a.decidedOn}</td>
                <td>{a.form}</td>
                <td>{a.issuer}</td>
                <td>{a.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">
        Các khen thưởng này được điền sẵn vào mục «Các hình thức khen thưởng đã được ghi nhận» của Báo cáo thành tích (Mẫu 07).
      </p>
      {editable ? (
        <Form method="post" className="stack card" {...getFormProps(form)}>
          <h3>Ghi thêm khen thưởng đã đạt</h3>
          <FormErrors errors={form.errors} id={form.errorId} />
          <TextField meta={fields.decisionNumber} label="Số quyết định" placeholder="Ví dụ: 15/QĐ-UBND" />
          <DateField meta={fields.decidedOn} label="Ngày quyết định" />
          <TextField meta={fields.form} label="Hình thức khen thưởng" placeholder="Ví dụ: Giấy khen của Chủ tịch UBND xã" />
          <TextField meta={fields.issuer} label="Cấp khen" placeholder="Ví dụ: Chủ tịch UBND xã Tam Phước" />
          <TextField meta={fields.note} label="Ghi chú (không bắt buộc)" />
          <div>
            <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
              Ghi khen thưởng
            </button>
          </div>
        </Form>
      ) : null}
    </>
  );
}
