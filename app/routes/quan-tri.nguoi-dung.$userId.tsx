// One account's administration: profile, roles (each in a unit), a new temporary password, deactivation
// (its sessions end at once) or reactivation, and its history. Accounts are never deleted.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { AdminNav } from "~/components/admin/admin-nav.tsx";
import { GrantRows } from "~/components/admin/grant-rows.tsx";
import { History } from "~/components/admin/history.tsx";
import { FormErrors, SelectField, TextField } from "~/components/dossier/form-fields.tsx";
import { RevisionField, revalidateAfterStaleSave } from "~/components/revision-field.tsx";
import { BLANK_GRANT_ROWS, GENDERS, GrantsSchema, UserProfileSchema } from "~/forms/admin.ts";
import { postedRevision, revisionOf } from "~/forms/revision.ts";
import { describeHistory } from "~/models/audit-history.server.ts";
import {
  loadUserForAdmin,
  resetUserPassword,
  setUserActive,
  setUserGrants,
  unlockSignIn,
  updateUserProfile,
} from "~/models/user-admin.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/format.ts";
import { invariantResponse } from "~/utils/http.ts";
import { HONORIFICS, UNIT_KIND_LABELS } from "~/utils/labels.ts";
import type { Refused } from "~/utils/result.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.user.fullName ?? "Tài khoản"} · Quản trị · Thi đua – Khen thưởng` },
];
export const shouldRevalidate = revalidateAfterStaleSave;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const loaded = await loadUserForAdmin(admin, params.userId!);
  invariantResponse(loaded, "Không tìm thấy tài khoản trong phạm vi bạn quản trị.", { status: 404 });
  const { user, choices, history, signInFailures } = loaded;
  const units = choices.units.map((u) => ({ value: u.id, label: `${u.name} (${UNIT_KIND_LABELS[u.kind]})` }));
  const known = new Set(units.map((u) => u.value));
  // A role held outside the listed units (another commune in scope) is still shown and kept.
  for (const grant of user.roles) if (!known.has(grant.unitId)) units.push({ value: grant.unitId, label: grant.unit.name });
  if (!known.has(user.unitId)) units.push({ value: user.unitId, label: user.unit.name });
  return {
    isSelf: user.id === admin.id,
    user: {
      id: user.id,
      username: user.username,
      fullName: user.fullName,
      active: user.active,
      mustChangePassword: user.mustChangePassword,
      createdAt: formatDate(user.createdAt),
      sessions: user._count.sessions,
      signInFailures,
      personId: user.person?.id ?? null,
    },
    /** The version the profile and roles forms were opened at: each refuses to overwrite a change saved since. */
    revision: revisionOf(user.updatedAt),
    profile: {
      fullName: user.fullName,
      gender: user.person?.gender ?? "",
      email: user.email ?? "",
      unitId: user.unitId,
      title: user.title ?? "",
    },
    grants: [...user.roles.map((r) => ({ role: r.role, unitId: r.unitId })), ...Array.from({ length: BLANK_GRANT_ROWS }, () => ({}))],
    units,
    history: await describeHistory(history),
  };
}

type Intent = "ho-so" | "vai-tro" | "mat-khau" | "khoa" | "mo-khoa" | "mo-dang-nhap";
type Answer = { intent: Intent; result?: SubmissionResult<string[]>; message?: string; password?: string };

const refusedReply = (refusal: Refused) =>
  refusal.field ? { fieldErrors: { [refusal.field]: [refusal.message] } } : { formErrors: [refusal.message] };

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const formData = await request.formData();
  const intent = formData.get("intent") as Intent | null;
  const userId = params.userId!;
  const answer = (body: Answer, status = 200) => data<Answer>(body, { status });
  switch (intent) {
    case "ho-so": {
      const submission = parseWithZod(formData, { schema: UserProfileSchema });
      if (submission.status !== "success") return answer({ intent, result: submission.reply() }, 400);
      const result = await updateUserProfile(admin, userId, { ...submission.value, revision: postedRevision(formData) });
      if (!result.ok) return answer({ intent, result: submission.reply(refusedReply(result)) }, result.status);
      return redirect(`/quan-tri/nguoi-dung/${userId}?da-luu=1`);
    }
    case "vai-tro": {
      const submission = parseWithZod(formData, { schema: GrantsSchema });
      if (submission.status !== "success") return answer({ intent, result: submission.reply() }, 400);
      const result = await setUserGrants(admin, userId, submission.value.grants, { revision: postedRevision(formData) });
      if (!result.ok) return answer({ intent, result: submission.reply(refusedReply(result)) }, result.status);
      return redirect(`/quan-tri/nguoi-dung/${userId}?da-luu=1`);
    }
    case "mat-khau": {
      const result = await resetUserPassword(admin, userId);
      if (!result.ok) return answer({ intent, message: result.message }, result.status);
      return answer({ intent, password: result.password });
    }
    case "khoa":
    case "mo-khoa": {
      const result = await setUserActive(admin, userId, intent === "mo-khoa");
      if (!result.ok) return answer({ intent, message: result.message }, result.status);
      return redirect(`/quan-tri/nguoi-dung/${userId}?da-luu=1`);
    }
    case "mo-dang-nhap": {
      const result = await unlockSignIn(admin, userId);
      if (!result.ok) return answer({ intent, message: result.message }, result.status);
      return redirect(`/quan-tri/nguoi-dung/${userId}?da-luu=1`);
    }
    default:
      throw new Response("Thao tác không hợp lệ.", { status: 400 });
  }
}

export default function UserAdminPage() {
  const page = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const busy = navigation.state === "submitting";
  const { user } = page;
  const [profileForm, profile] = useForm({
    id: "user-profile",
    lastResult: answer?.intent === "ho-so" ? answer.result : undefined,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UserProfileSchema }),
    defaultValue: page.profile,
  });
  const [grantsForm, grants] = useForm({
    id: "user-grants",
    lastResult: answer?.intent === "vai-tro" ? answer.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: GrantsSchema }),
    defaultValue: { grants: page.grants },
  });

  return (
    <>
      <p className="muted">
        <Link to="/quan-tri/nguoi-dung">Người dùng</Link>
      </p>
      <h1>
        {user.fullName} <span className="muted">({user.username})</span>
      </h1>
      <AdminNav />
      {searchParams.get("da-luu") ? <p className="notice">Đã lưu thay đổi.</p> : null}
      {answer?.message ? (
        <p className="form-error" role="alert">
          {answer.message}
        </p>
      ) : null}
      {answer?.password ? (
        <section className="card stack">
          <p>Mật khẩu tạm thời mới (chỉ hiển thị một lần; các phiên đăng nhập cũ của tài khoản đã kết thúc):</p>
          <p className="secret" data-testid="temporary-password">
            {answer.password}
          </p>
        </section>
      ) : null}
      <dl className="facts">
        <dt>Trạng thái</dt>
        <dd>
          {user.active ? "Đang hoạt động" : "Đã khóa"}
          {user.mustChangePassword ? " · chờ đổi mật khẩu tạm thời" : ""}
        </dd>
        <dt>Ngày tạo</dt>
        <dd>{user.createdAt}</dd>
        <dt>Phiên đăng nhập đang mở</dt>
        <dd>{user.sessions}</dd>
        <dt>Đăng nhập sai gần đây</dt>
        <dd>{user.signInFailures === 0 ? "Không có" : `${user.signInFailures} lần kể từ lần đăng nhập thành công gần nhất`}</dd>
        {user.personId ? (
          <>
            <dt>Trong danh sách cá nhân</dt>
            <dd>
              <Link to={`/ca-nhan/${user.personId}`}>Xem lịch sử khen thưởng</Link>
            </dd>
          </>
        ) : null}
      </dl>

      <h2>Thông tin tài khoản</h2>
      <Form method="post" className="stack card" {...getFormProps(profileForm)}>
        <input type="hidden" name="intent" value="ho-so" />
        <RevisionField value={page.revision} />
        <FormErrors errors={profileForm.errors} id={profileForm.errorId} />
        <TextField meta={profile.fullName} label="Họ và tên" />
        <SelectField
          meta={profile.gender}
          label="Danh xưng"
          options={GENDERS.map((g) => ({ value: g, label: HONORIFICS[g] }))}
          placeholder="— Ông / Bà —"
        />
        <TextField meta={profile.email} label="Email nhận thông báo" />
        <SelectField meta={profile.unitId} label="Đơn vị công tác" options={page.units} placeholder="— Chọn đơn vị —" />
        <TextField meta={profile.title} label="Chức vụ" />
        <div>
          <button type="submit" className="primary" disabled={busy}>
            Lưu thông tin
          </button>
        </div>
      </Form>

      <h2>Vai trò</h2>
      <Form method="post" className="stack card" style={{ maxWidth: "none" }} {...getFormProps(grantsForm)}>
        <input type="hidden" name="intent" value="vai-tro" />
        <RevisionField value={page.revision} />
        <FormErrors errors={grantsForm.errors} id={grantsForm.errorId} />
        <GrantRows meta={grants.grants} units={page.units} />
        <div>
          <button type="submit" className="primary" disabled={busy}>
            Lưu vai trò
          </button>
        </div>
      </Form>

      <h2>Mật khẩu và khóa tài khoản</h2>
      <div className="actions">
        <Form method="post">
          <input type="hidden" name="intent" value="mat-khau" />
          <button type="submit" className="secondary" disabled={busy || !user.active}>
            Cấp lại mật khẩu tạm thời
          </button>
        </Form>
        {user.signInFailures > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="mo-dang-nhap" />
            <button type="submit" className="secondary" disabled={busy}>
              Cho đăng nhập lại ngay
            </button>
          </Form>
        ) : null}
        {page.isSelf ? null : (
          <Form method="post">
            <input type="hidden" name="intent" value={user.active ? "khoa" : "mo-khoa"} />
            <button type="submit" className="secondary" disabled={busy}>
              {user.active ? "Khóa tài khoản (đăng xuất ngay mọi phiên)" : "Mở khóa tài khoản"}
            </button>
          </Form>
        )}
      </div>

      <h2>Lịch sử thay đổi</h2>
      <History rows={page.history} />
    </>
  );
}
