// Email templates, one per notification kind (Notification.kind). Plain functions of
// (payload, { appUrl, recipientName }) → { subject, html, text }; payload types in ./payloads.ts.
import type { z } from "zod";
import type { NotificationKind } from "~/models/notification.server.ts";
import { awaitingSignatureEmail } from "./awaiting-signature.ts";
import { certificateIssuedEmail } from "./certificate-issued.ts";
import { dossierApprovedEmail } from "./dossier-approved.ts";
import { dossierCouncilFailedEmail } from "./dossier-council-failed.ts";
import { dossierRejectedEmail } from "./dossier-rejected.ts";
import { dossierResubmittedEmail } from "./dossier-resubmitted.ts";
import { dossierReturnedEmail } from "./dossier-returned.ts";
import { dossierSubmittedEmail } from "./dossier-submitted.ts";
import type { EmailContext, RenderedEmail } from "./layout.ts";
import { overdueDigestEmail } from "./overdue-digest.ts";
import { paperCountEnteredEmail } from "./paper-count-entered.ts";
import {
  DossierPayloadSchema,
  OverdueDigestPayloadSchema,
  PaperCountEnteredPayloadSchema,
  SessionClosedPayloadSchema,
  VoteOpenedPayloadSchema,
  VoteReminderPayloadSchema,
} from "./payloads.ts";
import { sessionClosedEmail } from "./session-closed.ts";
import { voteOpenedEmail } from "./vote-opened.ts";
import { voteReminderEmail } from "./vote-reminder.ts";

export * from "./payloads.ts";
export type { EmailContext, RenderedEmail } from "./layout.ts";

type Template<S extends z.ZodType> = {
  /** Who receives it, in Vietnamese (preview page). */
  audience: string;
  schema: S;
  render: (payload: z.output<S>, ctx: EmailContext) => RenderedEmail;
  sample: z.input<S>;
};

const template = <S extends z.ZodType>(t: Template<S>) => t;

// Sample data: the demo commune's movement (seeds/001), shown on the admin preview page and used by the tests.
const MOVEMENT = "Nâng cao trách nhiệm người đứng đầu trong thực hiện các nhiệm vụ cải cách hành chính";
const dossierSample = (state: string, extra: { reason?: string | null; dueAt?: string | null } = {}) => ({
  dossierId: "mau-ho-so",
  nomineeName: "Lê Văn Phúc",
  movementTitle: MOVEMENT,
  state,
  reason: extra.reason ?? null,
  dueAt: extra.dueAt ?? null,
  path: "/ho-so/mau-ho-so",
});
const session = {
  sessionId: "mau-phien",
  movementTitle: MOVEMENT,
  title: "Phiên họp xét khen thưởng năm 2023",
  path: "/bo-phieu/mau-phien",
};

export const EMAIL_TEMPLATES = {
  dossier_submitted: template({
    audience: "Văn phòng UBND xã (thường trực Hội đồng)",
    schema: DossierPayloadSchema,
    render: dossierSubmittedEmail,
    sample: dossierSample("submitted", { dueAt: "2023-05-12T16:59:59.999Z" }),
  }),
  dossier_resubmitted: template({
    audience: "Văn phòng UBND xã (thường trực Hội đồng)",
    schema: DossierPayloadSchema,
    render: dossierResubmittedEmail,
    sample: dossierSample("submitted", { dueAt: "2023-05-19T16:59:59.999Z" }),
  }),
  dossier_returned: template({
    audience: "Cán bộ phụ trách của đơn vị trình khen",
    schema: DossierPayloadSchema,
    render: dossierReturnedEmail,
    sample: dossierSample("needs_supplement", { reason: "Báo cáo thành tích thiếu số liệu tỷ lệ hồ sơ TTHC giải quyết đúng hạn." }),
  }),
  dossier_council_failed: template({
    audience: "Cán bộ phụ trách của đơn vị trình khen",
    schema: DossierPayloadSchema,
    render: dossierCouncilFailedEmail,
    sample: dossierSample("council_failed"),
  }),
  awaiting_signature: template({
    audience: "Chủ tịch UBND xã (hoặc Phó Chủ tịch được ủy quyền)",
    schema: DossierPayloadSchema,
    render: awaitingSignatureEmail,
    sample: dossierSample("council_passed", { dueAt: "2023-05-26T16:59:59.999Z" }),
  }),
  dossier_approved: template({
    audience: "Cán bộ phụ trách của đơn vị trình khen",
    schema: DossierPayloadSchema,
    render: dossierApprovedEmail,
    sample: dossierSample("approved"),
  }),
  dossier_rejected: template({
    audience: "Cán bộ phụ trách của đơn vị trình khen",
    schema: DossierPayloadSchema,
    render: dossierRejectedEmail,
    sample: dossierSample("rejected", { reason: "Đã đủ số lượng khen thưởng của phong trào." }),
  }),
  certificate_issued: template({
    audience: "Cán bộ phụ trách của đơn vị trình khen",
    schema: DossierPayloadSchema,
    render: certificateIssuedEmail,
    sample: dossierSample("awarded"),
  }),
  overdue_digest: template({
    audience: "Văn phòng UBND xã (thường trực Hội đồng)",
    schema: OverdueDigestPayloadSchema,
    render: overdueDigestEmail,
    sample: {
      count: 2,
      dossiers: [
        { id: "mau-1", nomineeName: "Lê Văn Phúc", state: "submitted", dueAt: "2023-05-12T16:59:59.999Z", path: "/ho-so/mau-1" },
        { id: "mau-2", nomineeName: "Khu phố Phước Lộc", state: "council_passed", dueAt: "2023-05-15T16:59:59.999Z", path: "/ho-so/mau-2" },
      ],
      path: "/qua-han",
    },
  }),
  vote_opened: template({
    audience: "Thành viên Hội đồng TĐKT có quyền bỏ phiếu",
    schema: VoteOpenedPayloadSchema,
    render: voteOpenedEmail,
    sample: { ...session, closesAt: "2023-05-20T10:00:00.000Z", dossierCount: 2, nomineeNames: ["Lê Văn Phúc", "Khu phố Phước Lộc"] },
  }),
  vote_reminder: template({
    audience: "Thành viên Hội đồng chưa bỏ phiếu",
    schema: VoteReminderPayloadSchema,
    render: voteReminderEmail,
    sample: { ...session, closesAt: "2023-05-20T10:00:00.000Z", remaining: 2 },
  }),
  session_closed: template({
    audience: "Văn phòng UBND xã và Chủ tịch UBND xã",
    schema: SessionClosedPayloadSchema,
    render: sessionClosedEmail,
    sample: {
      ...session,
      closesAt: "2023-05-20T10:00:00.000Z",
      quorumMet: true,
      results: [
        { nomineeName: "Lê Văn Phúc", passed: true, agree: 6, voted: 7, members: 7 },
        { nomineeName: "Khu phố Phước Lộc", passed: false, agree: 4, voted: 7, members: 7 },
      ],
      dueAt: "2023-05-26T16:59:59.999Z",
    },
  }),
  paper_count_entered: template({
    audience: "Chủ tịch UBND xã (Chủ tịch Hội đồng TĐKT)",
    schema: PaperCountEnteredPayloadSchema,
    render: paperCountEnteredEmail,
    sample: {
      sessionId: session.sessionId,
      movementTitle: MOVEMENT,
      title: "Phiên họp xét khen thưởng năm 2023 (bỏ phiếu giấy)",
      countedBy: "Trần Thị Thu Hà",
      countedAt: "2023-05-20T09:30:00.000Z",
      corrected: false,
      results: [
        { nomineeName: "Lê Văn Phúc", issued: 7, returned: 7, valid: 7, agree: 6, disagree: 1 },
        { nomineeName: "Khu phố Phước Lộc", issued: 7, returned: 7, valid: 6, agree: 4, disagree: 2 },
      ],
      path: "/bo-phieu/mau-phien/kiem-phieu",
    },
  }),
} satisfies { [K in NotificationKind]: Template<z.ZodType> };

export const EMAIL_KINDS = Object.keys(EMAIL_TEMPLATES) as NotificationKind[];

export function isEmailKind(kind: string): kind is NotificationKind {
  return Object.hasOwn(EMAIL_TEMPLATES, kind);
}

export class PayloadError extends Error {}

/** Checks a stored payload against its kind's schema and renders it; a PayloadError says what is wrong. */
export function renderNotificationEmail(kind: string, payload: unknown, ctx: EmailContext): RenderedEmail {
  if (!isEmailKind(kind)) throw new PayloadError(`Không có mẫu email cho loại thông báo «${kind}».`);
  const t: Template<z.ZodType> = EMAIL_TEMPLATES[kind];
  const parsed = t.schema.safeParse(payload);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(gốc)"}: ${issue.message}`).join("; ");
    throw new PayloadError(`Dữ liệu thông báo «${kind}» không hợp lệ: ${issues}`);
  }
  return t.render(parsed.data, ctx);
}

/** A template rendered with its sample data (admin preview, tests). */
export function renderSample(kind: NotificationKind, ctx: EmailContext): RenderedEmail {
  return renderNotificationEmail(kind, EMAIL_TEMPLATES[kind].sample, ctx);
}
