import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { needsFirstRun } from "~/models/first-run.server.ts";
import { createSession, getUser, verifySignIn } from "~/utils/auth.server.ts";
import { safeRedirect } from "~/utils/safe-redirect.ts";

export const meta: MetaFunction = () => [{ title: "Đăng nhập · Thi đua – Khen thưởng" }];

export const SignInSchema = z.object({
  username: z.string({ error: "Vui lòng nhập tên đăng nhập." }).trim().min(1, "Vui lòng nhập tên đăng nhập.").max(100),
  password: z.string({ error: "Vui lòng nhập mật khẩu." }).min(1, "Vui lòng nhập mật khẩu.").max(200),
  redirectTo: z.string().max(2000).optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  // An installation without any account starts at the first-run page.
  if (await needsFirstRun()) throw redirect("/khoi-tao");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: SignInSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const { username, password, redirectTo } = submission.value;
  const result = await verifySignIn(username, password, context.clientIp ?? "unknown");
  if (!result.ok) {
    return data(submission.reply({ formErrors: [result.message], hideFields: ["password"] }), { status: 400 });
  }
  return redirect(safeRedirect(redirectTo), { headers: { "Set-Cookie": await createSession(result.userId) } });
}

export default function SignIn() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "sign-in",
    lastResult,
    constraint: getZodConstraint(SignInSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignInSchema }),
  });

  return (
    <div className="sign-in card">
      <p className="emblem">UBND XÃ · HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG</p>
      <h1>Đăng nhập</h1>
      <Form method="post" className="stack" {...getFormProps(form)}>
        {form.errors ? (
          <p className="form-error" id={form.errorId} role="alert">
            {form.errors.join(" ")}
          </p>
        ) : null}
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <div>
          <label htmlFor={fields.username.id}>Tên đăng nhập</label>
          <input {...getInputProps(fields.username, { type: "text" })} autoComplete="username" autoFocus />
          <p className="field-error" aria-live="polite" id={fields.username.errorId}>
            {fields.username.errors}
          </p>
        </div>
        <div>
          <label htmlFor={fields.password.id}>Mật khẩu</label>
          <input {...getInputProps(fields.password, { type: "password" })} autoComplete="current-password" />
          <p className="field-error" aria-live="polite" id={fields.password.errorId}>
            {fields.password.errors}
          </p>
        </div>
        <div>
          <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
            {navigation.state === "submitting" ? "Đang đăng nhập…" : "Đăng nhập"}
          </button>
        </div>
      </Form>
    </div>
  );
}
