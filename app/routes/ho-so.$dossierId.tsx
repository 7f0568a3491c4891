// The dossier page (/ho-so/:dossierId): where the dossier stands, its documents, figures and files,
// what the current user may do (asked of the machine, never hard-coded per role), and its timeline.
// The three forms and the print view are child routes: then this page shows only its heading.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useOutlet, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import {
  DOCUMENT_LABELS,
  DOSSIER_EVENT_LABELS,
  DOSSIER_STATE_LABELS,
  allowedDossierEvents,
  withUnit,
  type DossierEventType,
  type DossierState,
} from "#machines/index.ts";
import { DossierHeader, DueDate, StateBadge } from "~/components/dossier/dossier-header.tsx";
import { FigureStatusBadge } from "~/components/dossier/figure-status.tsx";
import { REASON_MAX_LENGTH, STALE_FORM, dossierVersion } from "~/forms/dossier-event.ts";
import { FormMessage } from "~/components/ui/action-message.tsx";
import { ALLOWED_TYPES, ATTACHMENT_KIND_LABELS, checkUpload, formatSize } from "~/models/attachment.server.ts";
import { dossierTimeline } from "~/models/audit.server.ts";
import { addAttachment, loadDossier } from "~/models/dossier-documents.server.ts";
import { findVisibleDossierId } from "~/models/dossier-scope.server.ts";
import { actorFor, sendDossierEvent, type DossierCommand } from "~/models/dossier.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { headingOf } from "~/utils/dossier-pages.server.ts";
import { formatDate, formatDateTime } from "~/utils/format.ts";
import { invariantResponse } from "~/utils/http.ts";
import { refused } from "~/utils/respond.server.ts";
import { fileOf, readForm } from "~/utils/upload.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Hồ sơ ${data?.heading.nomineeName ?? ""} · Thi đua – Khen thưởng` },
];

/** Events sent from this page; voting, certificates and forwarding belong to their own modules. */
const PAGE_EVENTS = ["SUBMIT", "RESUBMIT", "WITHDRAW", "ACCEPT_SCREENING", "RETURN_FOR_SUPPLEMENT", "APPROVE", "REJECT"] as const;
type PageEvent = (typeof PAGE_EVENTS)[number];
const isPageEvent = (type: DossierEventType): type is PageEvent => (PAGE_EVENTS as readonly string[]).includes(type);
const REASON: Partial<Record<PageEvent, "required" | "optional">> = {
  RETURN_FOR_SUPPLEMENT: "required",
  REJECT: "required",
  WITHDRAW: "optional",
};

const AUDIT_ACTION_LABELS: Record<string, string> = {
  "dossier.CREATE": "Lập hồ sơ",
  "dossier.document.SAVE": "Cập nhật tài liệu",
  "dossier.attachment.ADD": "Đính kèm tệp",
};

function auditActionLabel(action: string): string {
  const event = action.replace(/^dossier\./, "") as DossierEventType;
  return AUDIT_ACTION_LABELS[action] ?? DOSSIER_EVENT_LABELS[event] ?? action;
}

const stateLabel = (state: string | null) => (state ? (DOSSIER_STATE_LABELS[state as DossierState] ?? state) : null);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const dossier = await loadDossier(user, params.dossierId!);
  invariantResponse(dossier, "Không tìm thấy hồ sơ.", { status: 404 });
  const [actor, timeline] = await Promise.all([actorFor(user), dossierTimeline(dossier.id)]);
  const events = allowedDossierEvents(dossier.snapshot, actor).filter(isPageEvent);
  const unmet = dossier.targets.filter((target) => target.status === "unmet").length;
  return {
    heading: headingOf(dossier),
    id: dossier.id,
    state: dossier.state,
    version: dossier.version,
    lastReason: dossier.state === "needs_supplement" || dossier.state === "rejected" ? dossier.lastReason : null,
    editable: dossier.editable,
    events: events.map((type) => ({ type, label: DOSSIER_EVENT_LABELS[type], reason: REASON[type] ?? null })),
    documents: (["proposal", "unit_minutes", "achievement_report"] as const).map((kind) => {
      const document = dossier.documents[kind];
      return {
        kind,
        label: DOCUMENT_LABELS[kind],
        path: { proposal: "to-trinh", unit_minutes: "bien-ban", achievement_report: "bao-cao" }[kind],
        status: !document ? "Chưa lập" : document.completedAt ? `Hoàn thành (${formatDate(document.completedAt)})` : "Bản nháp",
        complete: Boolean(document?.completedAt),
        updated: document ? formatDateTime(document.updatedAt) : null,
      };
    }),
    targets: dossier.targets.map((target) => ({
      id: target.id,
      area: target.area,
      label: target.label,
      optional: target.optional,
      requirement: target.requirement,
      value: target.value === null ? null : withUnit(target.value, target.unit),
      status: target.status,
    })),
    unmet,
    attachments: dossier.attachments.map((attachment) => ({
      id: attachment.id,
      kind: ATTACHMENT_KIND_LABELS[attachment.kind],
      fileName: attachment.fileName,
      size: formatSize(attachment.size),
      uploaded: `${attachment.uploadedBy.fullName}, ${formatDateTime(attachment.createdAt)}`,
    })),
    timeline: timeline.map((event) => ({
      id: event.id,
      when: formatDateTime(event.createdAt),
      who: event.actorName,
      action: auditActionLabel(event.action),
      from: stateLabel(event.fromState),
      to: stateLabel(event.toState),
      reason: event.reason,
    })),
  };
}

// The dossier is the route's; whether a reason is required (and its message) is the machine's guard.
const EventForm = z.object({
  intent: z.literal("event"),
  type: z.enum(PAGE_EVENTS),
  version: dossierVersion,
  reason: z.string().max(REASON_MAX_LENGTH, `Lý do không quá ${REASON_MAX_LENGTH} ký tự.`).optional(),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const dossierId = params.dossierId!;
  // Scope first: another unit's dossier does not exist for this user.
  invariantResponse(await findVisibleDossierId(user, dossierId), "Không tìm thấy hồ sơ.", { status: 404 });

  const { formData, tooLarge } = await readForm(request);
  if (formData.get("intent") === "upload") {
    const refuse = (message: string, status: 400 | 403 | 404 | 409 | 422 = 400) => refused("upload", { message, status });
    if (tooLarge.has("file")) return refuse(`Tệp «${tooLarge.get("file")}» vượt quá 10 MB.`);
    const file = fileOf(formData, "file");
    if (!file) return refuse("Vui lòng chọn tệp cần đính kèm.");
    const checked = await checkUpload(file, ALLOWED_TYPES.other);
    if (!checked.ok) return refuse(checked.message);
    const result = await addAttachment({ user, dossierId, file: checked.file });
    if (!result.ok) return refuse(result.message, result.status);
    return redirect(`/ho-so/${dossierId}?da-dinh-kem=1`);
  }

  const parsed = EventForm.safeParse(Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === "string")));
  if (!parsed.success) return refused(null, { message: STALE_FORM, status: 400 });
  const { type, version, reason = "" } = parsed.data;
  const command: DossierCommand =
    type === "RETURN_FOR_SUPPLEMENT" || type === "REJECT"
      ? { type, reason }
      : type === "WITHDRAW"
        ? { type, reason: reason.trim() || undefined }
        : { type };
  const result = await sendDossierEvent({ dossierId, actor: await actorFor(user), command, expectedVersion: version });
  // The guard's or the conflict's message, in Vietnamese, shown as is.
  if (!result.ok) return refused(type, result);
  return redirect(`/ho-so/${dossierId}?da-thuc-hien=${type}`);
}

export default function DossierPage() {
  const outlet = useOutlet();
  const page = useLoaderData<typeof loader>();
  if (outlet) {
    return (
      <>
        <DossierHeader heading={page.heading} />
        {outlet}
      </>
    );
  }
  return <Overview />;
}

function Overview() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const done = searchParams.get("da-thuc-hien") as DossierEventType | null;
  const base = `/ho-so/${page.id}`;

  return (
    <>
      <DossierHeader heading={page.heading} />

      {page.lastReason ? (
        <div className="reason-box" role="note">
          <strong>{page.state === "rejected" ? "Lý do không phê duyệt:" : "Lý do trả lại để bổ sung:"}</strong>
          <p>{page.lastReason}</p>
        </div>
      ) : null}
      <FormMessage data={actionData} />
      {done && DOSSIER_EVENT_LABELS[done] ? <p className="notice">Đã thực hiện: {DOSSIER_EVENT_LABELS[done]}.</p> : null}
      {searchParams.get("da-dinh-kem") ? <p className="notice">Đã đính kèm tệp.</p> : null}

      <section className="card">
        <h2>Trạng thái</h2>
        <p>
          <StateBadge state={page.state} label={page.heading.stateLabel} />{" "}
          <DueDate dueDate={page.heading.dueDate} overdue={page.heading.overdue} /> ·{" "}
          <Link to={`/quy-trinh?trang-thai=${page.state}`}>Xem sơ đồ quy trình</Link>
        </p>
        {page.events.length ? (
          <div className="event-buttons">
            {page.events.map((event) => (
              <Form key={event.type} method="post" action={base} className={`event-form event-${event.type}`}>
                <input type="hidden" name="intent" value="event" />
                <input type="hidden" name="type" value={event.type} />
                <input type="hidden" name="version" value={page.version} />
                {event.reason ? (
                  <div className="field">
                    <label htmlFor={`reason-${event.type}`}>
                      {event.reason === "required" ? "Lý do (bắt buộc)" : "Lý do (không bắt buộc)"}
                    </label>
                    <textarea id={`reason-${event.type}`} name="reason" rows={2} />
                  </div>
                ) : null}
                <button
                  type="submit"
                  className={event.type === "REJECT" || event.type === "WITHDRAW" ? "secondary" : "primary"}
                  disabled={busy}
                >
                  {event.label}
                </button>
              </Form>
            ))}
          </div>
        ) : (
          <p className="muted">Bạn không có thao tác nào với hồ sơ ở trạng thái này.</p>
        )}
      </section>

      <section className="card">
        <h2>Thành phần hồ sơ</h2>
        <table className="cards">
          <thead>
            <tr>
              <th>Tài liệu</th>
              <th>Tình trạng</th>
              <th>Cập nhật</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {page.documents.map((document) => (
              <tr key={document.kind}>
                <td>{document.label}</td>
                <td data-label="Tình trạng">
                  <span className={document.complete ? "badge open" : "badge warn"}>{document.status}</span>
                </td>
                <td data-label="Cập nhật">{document.updated ?? "—"}</td>
                <td>
                  <Link to={`${base}/${document.path}`}>{page.editable ? "Mở, sửa" : "Xem"}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          <Link to={`${base}/in`}>Bản in toàn bộ hồ sơ (A4)</Link> ·{" "}
          <a href={`${base}/bao-cao.docx`} download>
            Tải Báo cáo thành tích (Word, Mẫu 07)
          </a>
        </p>
      </section>

      <section className="card">
        <h2>Kết quả thực hiện chỉ tiêu thi đua</h2>
        {page.unmet > 0 ? (
          <p className="notice unmet-flag">
            Có {page.unmet} chỉ tiêu chưa đạt — lưu ý khi thẩm định và khi Hội đồng xét (không chặn việc nộp hồ sơ).
          </p>
        ) : null}
        {page.targets.length ? (
          <table className="cards">
            <thead>
              <tr>
                <th>Chỉ tiêu</th>
                <th className="num">Kết quả</th>
                <th>Đánh giá</th>
              </tr>
            </thead>
            <tbody>
              {page.targets.map((target) => (
                <tr key={target.id}>
                  <td>
                    {target.label}
                    {target.area ? <div className="muted">{target.area}</div> : null}
                  </td>
                  <td data-label="Kết quả" className="num">
                    {target.value ?? "—"}
                  </td>
                  <td data-label="Đánh giá">
                    <FigureStatusBadge status={target.status} requirement={target.requirement} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">Phong trào không có chỉ tiêu nào áp dụng cho đối tượng này.</p>
        )}
      </section>

      <section className="card">
        <h2>Tệp đính kèm</h2>
        {page.attachments.length ? (
          <ul className="attachments">
            {page.attachments.map((attachment) => (
              <li key={attachment.id}>
                <a href={`${base}/tep/${attachment.id}`}>{attachment.fileName}</a>{" "}
                <span className="muted">
                  ({attachment.kind}; {attachment.size}; {attachment.uploaded})
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Chưa có tệp đính kèm.</p>
        )}
        {page.editable ? (
          <Form method="post" action={base} encType="multipart/form-data" className="upload-form">
            <input type="hidden" name="intent" value="upload" />
            <label htmlFor="attachment-file">Đính kèm tài liệu (PDF, JPEG, PNG, DOCX; tối đa 10 MB)</label>
            <input id="attachment-file" type="file" name="file" accept=".pdf,.jpg,.jpeg,.png,.docx,application/pdf,image/jpeg,image/png" />
            <button type="submit" className="secondary" disabled={busy}>
              Tải lên
            </button>
          </Form>
        ) : null}
      </section>

      <section className="card">
        <h2>Nhật ký xử lý</h2>
        <table className="timeline cards">
          <thead>
            <tr>
              <th>Thời gian</th>
              <th>Người thực hiện</th>
              <th>Thao tác</th>
              <th>Trạng thái</th>
              <th>Lý do</th>
            </tr>
          </thead>
          <tbody>
            {page.timeline.map((event) => (
              <tr key={event.id}>
                <td data-label="Thời gian">{event.when}</td>
                <td data-label="Người thực hiện">{event.who}</td>
                <td data-label="Thao tác">{event.action}</td>
                <td data-label="Trạng thái">
                  {event.from && event.to && event.from !== event.to ? `${event.from} → ${event.to}` : (event.to ?? "—")}
                </td>
                <td data-label="Lý do">{event.reason ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
