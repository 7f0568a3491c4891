// A new account: username, full name, gender (Ông/Bà), email, unit, position, roles each in a unit; it belongs
// to a person of the register (chosen, or added now). The temporary password is shown here once.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AdminNav } from "~/components/admin/admin-nav.tsx";
import { GrantRows } from "~/components/admin/grant-rows.tsx";
import { FormErrors, SelectField, TextField } from "~/components/dossier/form-fields.tsx";
import { BLANK_GRANT_ROWS, GENDERS, NewUserSchema, PERSON_KINDS } from "~/forms/admin.ts";
import { createUser, peopleWithoutAccount, unitChoices } from "~/models/user-admin.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { HONORIFICS, PERSON_KIND_LABELS, UNIT_KIND_LABELS, capitalize } from "~/utils/labels.ts";
import { IdempotencyField } from "~/components/idempotency-field.tsx";
import { createOnce, newIdempotencyKey } from "~/utils/idempotency.server.ts";

export const meta: MetaFunction = () => [{ title: "Tạo tài khoản · Quản trị · Thi đua – Khen thưởng" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const { communes, communeId, units } = await unitChoices(admin, new URL(request.url).searchParams.get("xa"));
  const people = communeId ? await peopleWithoutAccount(admin, communeId) : [];
  return {
    idempotencyKey: newIdempotencyKey(),
    communes: communes.map((c) => ({ value: c.id, label: c.name })),
    communeId,
    units: units.map((u) => ({ value: u.id, label: `${u.name} (${UNIT_KIND_LABELS[u.kind]})` })),
    people: people.map((p) => ({ value: p.id, label: `${p.fullName}${p.position ? ` — ${p.position}` : ""} (${p.unit.name})` })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: NewUserSchema });
  if (submission.status !== "success") return data({ reply: submission.reply(), created: null }, { status: 400 });
  // Sent again, the form lands on the account's page: its temporary password is shown once only.
  const result = await createOnce(
    formData,
    admin.id,
    () => createUser(admin, submission.value),
    (created) => (created.ok ? `/quan-tri/nguoi-dung/${created.userId}` : null),
  );
  if (result instanceof Response) return result;
  if (!result.ok) {
    const reply = result.field ? { fieldErrors: { [result.field]: [result.message] } } : { formErrors: [result.message] };
    return data({ reply: submission.reply(reply), created: null }, { status: result.status });
  }
  return data({
    reply: submission.reply({ resetForm: true }),
    created: { userId: result.userId, username: submission.value.username, fullName: submission.value.fullName, password: result.password },
  });
}

export default function NewUserPage() {
  const page = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "new-user",
    lastResult: answer?.created ? undefined : answer?.reply,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewUserSchema }),
    defaultValue: { gender: "", personKind: "civil_servant", grants: Array.from({ length: BLANK_GRANT_ROWS + 1 }, () => ({})) },
  });

  if (answer?.created) {
    const created = answer.created;
    return (
      <>
        <h1>Đã tạo tài khoản</h1>
        <AdminNav />
        <section className="card stack">
          <p>
            Tài khoản <strong>{created.username}</strong> của {created.fullName} đã được tạo. Mật khẩu tạm thời (chỉ hiển thị một lần, hãy
            trao tận tay người dùng):
          </p>
          <p className="secret" data-testid="temporary-password">
            {created.password}
          </p>
          <p className="muted">Lần đăng nhập đầu tiên, người dùng phải đổi sang mật khẩu của riêng mình.</p>
          <p>
            <Link to={`/quan-tri/nguoi-dung/${created.userId}`}>Xem tài khoản</Link> ·{" "}
            <Link to={`/quan-tri/nguoi-dung/moi${page.communeId ? `?xa=${page.communeId}` : ""}`} reloadDocument>
              Tạo tài khoản khác
            </Link>
          </p>
        </section>
      </>
    );
  }

  return (
    <>
      <h1>Tạo tài khoản</h1>
      <AdminNav />
      {page.communes.length > 1 ? (
        <Form method="get" className="search-form">
          <div>
            <label htmlFor="xa">Tài khoản thuộc xã, phường</label>
            <select id="xa" name="xa" defaultValue={page.communeId ?? ""}>
              <option value="">— Chọn xã, phường —</option>
              {page.communes.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="secondary">
            Chọn
          </button>
        </Form>
      ) : null}
      <Form method="post" className="stack card" style={{ maxWidth: "none" }} {...getFormProps(form)}>
        <FormErrors errors={form.errors} id={form.errorId} />
        <IdempotencyField value={page.idempotencyKey} />
        <TextField meta={fields.username} label="Tên đăng nhập" hint="Chữ thường không dấu, ví dụ: canbo.tuphap" />
        <TextField meta={fields.fullName} label="Họ và tên" />
        <SelectField
          meta={fields.gender}
          label="Danh xưng"
          options={GENDERS.map((g) => ({ value: g, label: HONORIFICS[g] }))}
          placeholder="— Ông / Bà —"
        />
        <TextField meta={fields.email} label="Email nhận thông báo (không bắt buộc)" />
        <SelectField meta={fields.unitId} label="Đơn vị công tác" options={page.units} placeholder="— Chọn đơn vị —" />
        <TextField meta={fields.title} label="Chức vụ" hint="Ví dụ: Công chức Tư pháp - Hộ tịch" />
        <SelectField
          meta={fields.personId}
          label="Là người đã có trong danh sách cá nhân của xã (không bắt buộc)"
          options={page.people}
          placeholder="— Người mới, thêm vào danh sách —"
        />
        <SelectField
          meta={fields.personKind}
          label="Loại (khi thêm người mới vào danh sách)"
          options={PERSON_KINDS.filter((k) => k !== "household").map((k) => ({ value: k, label: capitalize(PERSON_KIND_LABELS[k]) }))}
        />
        <GrantRows meta={fields.grants} units={page.units} />
        <div>
          <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
            Tạo tài khoản
          </button>
        </div>
      </Form>
    </>
  );
}
