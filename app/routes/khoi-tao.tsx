// The first run of an installation without demo data (DEMO_DATA=false): the province, optionally the first
// commune, and the first admin. Open only while no account exists; afterwards it is not found.
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { FormErrors, SelectField, TextField } from "~/components/dossier/form-fields.tsx";
import { FirstRunSchema, GENDERS, PASSWORD_MIN_LENGTH } from "~/forms/admin.ts";
import { firstRun, needsFirstRun } from "~/models/first-run.server.ts";
import { createSession } from "~/utils/auth.server.ts";
import { HONORIFICS } from "~/utils/labels.ts";

export const meta: MetaFunction = () => [{ title: "Khởi tạo hệ thống · Thi đua – Khen thưởng" }];

const notFound = () => new Response("Không tìm thấy trang.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });

export async function loader(_: LoaderFunctionArgs) {
  if (!(await needsFirstRun())) throw notFound();
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  if (!(await needsFirstRun())) throw notFound();
  const submission = parseWithZod(await request.formData(), { schema: FirstRunSchema });
  const hide = { hideFields: ["password", "confirmPassword"] };
  if (submission.status !== "success") return data(submission.reply(hide), { status: 400 });
  const v = submission.value;
  const result = await firstRun({
    province: { name: v.provinceName, placeName: v.provincePlace },
    commune: v.communeName ? { name: v.communeName, placeName: v.communePlace } : null,
    admin: { username: v.username, fullName: v.fullName, gender: v.gender, email: v.email, password: v.password },
  });
  if (!result.ok) return data(submission.reply({ ...hide, formErrors: [result.message] }), { status: result.status });
  return redirect("/quan-tri/don-vi", { headers: { "Set-Cookie": await createSession(result.userId) } });
}

export default function FirstRunPage() {
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "first-run",
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: FirstRunSchema }),
  });
  return (
    <>
      <h1>Khởi tạo hệ thống</h1>
      <p>
        Hệ thống chưa có tài khoản nào. Nhập tỉnh, thành phố (và xã, phường đầu tiên nếu muốn) cùng tài khoản quản trị đầu tiên. Người quản
        trị này quản trị mọi xã, phường thuộc tỉnh; sau đó tạo thêm xã, bộ phận, ấp và tài khoản ở trang Quản trị.
      </p>
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <FormErrors errors={form.errors} id={form.errorId} />
        <fieldset>
          <legend>Tỉnh, thành phố</legend>
          <TextField meta={fields.provinceName} label="Tên cơ quan cấp tỉnh" placeholder="Ví dụ: UBND Thành phố Hồ Chí Minh" />
          <TextField meta={fields.provincePlace} label="Địa danh ghi trên văn bản" placeholder="Ví dụ: Thành phố Hồ Chí Minh" />
        </fieldset>
        <fieldset>
          <legend>Xã, phường đầu tiên (không bắt buộc)</legend>
          <TextField meta={fields.communeName} label="Tên xã, phường" placeholder="Ví dụ: UBND xã Tam Phước" />
          <TextField meta={fields.communePlace} label="Địa danh ghi trên văn bản" placeholder="Ví dụ: Tam Phước" />
        </fieldset>
        <fieldset>
          <legend>Tài khoản quản trị đầu tiên</legend>
          <TextField meta={fields.username} label="Tên đăng nhập" hint="Chữ thường không dấu, ví dụ: quantri" />
          <TextField meta={fields.fullName} label="Họ và tên" />
          <SelectField
            meta={fields.gender}
            label="Danh xưng"
            options={GENDERS.map((g) => ({ value: g, label: HONORIFICS[g] }))}
            placeholder="— Ông / Bà —"
          />
          <TextField meta={fields.email} label="Email (không bắt buộc)" />
          {(
            [
              [fields.password, "Mật khẩu"],
              [fields.confirmPassword, "Nhập lại mật khẩu"],
            ] as const
          ).map(([meta, label]) => (
            <div className="field" key={meta.name}>
              <label htmlFor={meta.id}>{label}</label>
              <input {...getInputProps(meta, { type: "password" })} autoComplete="new-password" />
              <p className="field-error" aria-live="polite" id={meta.errorId}>
                {meta.errors}
              </p>
            </div>
          ))}
          <p className="muted">Mật khẩu ít nhất {PASSWORD_MIN_LENGTH} ký tự, có cả chữ và số.</p>
        </fieldset>
        <div>
          <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
            Khởi tạo
          </button>
        </div>
      </Form>
    </>
  );
}
