import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { FormErrors } from "~/components/dossier/form-fields.tsx";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { RevisionField, revalidateAfterStaleSave } from "~/components/revision-field.tsx";
import { postedRevision } from "~/forms/revision.ts";
import { profileEmail, setProfileEmail } from "~/models/user.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { ROLE_LABELS, capitalize } from "~/utils/labels.ts";

export const meta: MetaFunction = () => [{ title: "Tài khoản · Thi đua – Khen thưởng" }];
export const shouldRevalidate = revalidateAfterStaleSave;

/** An empty address is allowed: notifications are then shown in the app only. */
export const ProfileEmailSchema = z.object({
  email: z
    .string()
    .trim()
    .max(254, "Địa chỉ email quá dài (tối đa 254 ký tự).")
    .pipe(z.email({ error: "Địa chỉ email không hợp lệ (ví dụ: ten.nguoi@tamphuoc.gov.vn)." }))
    .optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { email, revision } = await profileEmail(user.id);
  return {
    user: {
      username: user.username,
      fullName: user.fullName,
      title: user.title,
      unitName: user.unitName,
      grants: user.grants.map((grant) => `${capitalize(ROLE_LABELS[grant.role])} · ${grant.unitName}`),
    },
    email,
    revision,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: ProfileEmailSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const email = submission.value.email?.toLowerCase() ?? null;
  const result = await setProfileEmail(user, email, { revision: postedRevision(formData) });
  if (!result.ok) return data(submission.reply({ formErrors: [result.message] }), { status: result.status });
  return data(submission.reply({ resetForm: false }));
}

export default function Profile() {
  const { user, email, revision } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "profile-email",
    lastResult,
    defaultValue: { email: email ?? "" },
    constraint: getZodConstraint(ProfileEmailSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileEmailSchema }),
  });
  const saved = lastResult?.status === "success";
  const [searchParams] = useSearchParams();

  return (
    <>
      <h1>Tài khoản</h1>
      <section className="card">
        <dl className="facts">
          <dt>Họ và tên</dt>
          <dd>{user.fullName}</dd>
          <dt>Tên đăng nhập</dt>
          <dd>{user.username}</dd>
          {user.title ? (
            <>
              <dt>Chức vụ</dt>
              <dd>{user.title}</dd>
            </>
          ) : null}
          <dt>Đơn vị</dt>
          <dd>{user.unitName}</dd>
          <dt>Vai trò</dt>
          <dd>{user.grants.length > 0 ? user.grants.join("; ") : "Chưa được phân quyền"}</dd>
        </dl>
      </section>

      <section className="card">
        <h2>Mật khẩu</h2>
        {searchParams.get("doi-mat-khau") ? (
          <p className="notice" role="status">
            Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc.
          </p>
        ) : null}
        <p>
          <Link to="/doi-mat-khau">Đổi mật khẩu</Link>
        </p>
      </section>

      <section className="card">
        <h2>Email nhận thông báo</h2>
        <p className="muted">
          Hệ thống gửi email khi có việc cần bạn xử lý. Để trống nếu không muốn nhận email: thông báo vẫn hiện trong mục{" "}
          <Link to="/thong-bao">Thông báo</Link>.
        </p>
        <Form method="post" className="stack" {...getFormProps(form)}>
          <RevisionField value={revision} />
          <FormErrors errors={form.errors} id={form.errorId} />
          {saved ? (
            <p className="notice" role="status">
              {email ? `Đã lưu. Thông báo sẽ được gửi tới ${email}.` : "Đã xoá địa chỉ email. Thông báo chỉ hiện trong ứng dụng."}
            </p>
          ) : null}
          <div>
            <label htmlFor={fields.email.id}>Địa chỉ email</label>
            <input {...getInputProps(fields.email, { type: "email" })} autoComplete="email" placeholder="ten.nguoi@tamphuoc.gov.vn" />
            <p className="field-error" aria-live="polite" id={fields.email.errorId}>
              {fields.email.errors}
            </p>
          </div>
          <div>
            <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
              {navigation.state === "submitting" ? "Đang lưu…" : "Lưu"}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}
