// Changing one's password: required after a temporary one (new account, reset), open to everybody anyway.
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { ChangePasswordSchema, PASSWORD_MIN_LENGTH } from "~/forms/admin.ts";
import { changePassword } from "~/models/user.server.ts";
import { readSessionId, requireUser } from "~/utils/auth.server.ts";
import { safeRedirect } from "~/utils/safe-redirect.ts";

export const meta: MetaFunction = () => [{ title: "Đổi mật khẩu · Thi đua – Khen thưởng" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { temporary: user.mustChangePassword, username: user.username, fullName: user.fullName };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  // The rule compares with the account's own name, not with what the form says it is.
  formData.set("username", user.username);
  formData.set("fullName", user.fullName);
  const submission = parseWithZod(formData, { schema: ChangePasswordSchema });
  const hide = { hideFields: ["currentPassword", "newPassword", "confirmPassword"] };
  if (submission.status !== "success") return data(submission.reply(hide), { status: 400 });
  const result = await changePassword(user, {
    current: submission.value.currentPassword,
    next: submission.value.newPassword,
    keepSessionId: await readSessionId(request),
  });
  if (!result.ok) {
    return data(submission.reply({ ...hide, fieldErrors: { [result.field ?? "currentPassword"]: [result.message] } }), {
      status: result.status,
    });
  }
  return redirect(safeRedirect(formData.get("redirectTo"), "/tai-khoan?doi-mat-khau=1"));
}

export default function ChangePasswordPage() {
  const { temporary, username, fullName } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "change-password",
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
  });
  return (
    <>
      <h1>Đổi mật khẩu</h1>
      {temporary ? (
        <p className="notice">Bạn đang dùng mật khẩu tạm thời do quản trị cấp. Vui lòng đặt mật khẩu của riêng mình để tiếp tục.</p>
      ) : null}
      <Form method="post" className="stack card" {...getFormProps(form)}>
        {form.errors ? (
          <p className="form-error" id={form.errorId} role="alert">
            {form.errors.join(" ")}
          </p>
        ) : null}
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <input type="hidden" name="username" value={username} />
        <input type="hidden" name="fullName" value={fullName} />
        {(
          [
            [fields.currentPassword, temporary ? "Mật khẩu tạm thời" : "Mật khẩu hiện tại", "current-password"],
            [fields.newPassword, "Mật khẩu mới", "new-password"],
            [fields.confirmPassword, "Nhập lại mật khẩu mới", "new-password"],
          ] as const
        ).map(([meta, label, autoComplete]) => (
          <div key={meta.name}>
            <label htmlFor={meta.id}>{label}</label>
            <input {...getInputProps(meta, { type: "password" })} autoComplete={autoComplete} />
            <p className="field-error" aria-live="polite" id={meta.errorId}>
              {meta.errors}
            </p>
          </div>
        ))}
        <p className="muted">Ít nhất {PASSWORD_MIN_LENGTH} ký tự, có cả chữ và số, không chứa tên đăng nhập hoặc họ tên.</p>
        <div>
          <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
            Đổi mật khẩu
          </button>
        </div>
      </Form>
    </>
  );
}
