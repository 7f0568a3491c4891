// Đề nghị cấp trên khen thưởng: the chairman or the office proposes an approved (or awarded) dossier
// to the level above — the parent unit in the unit tree, followed through merges — and downloads the
// package (ZIP with the commune's Tờ trình, the documents, minutes, decision and manifest).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { DOSSIER_STATE_LABELS } from "#machines/index.ts";
import { STALE_FORM, dossierEventFields } from "~/forms/dossier-event.ts";
import { escalateDossier, listEscalatable, listEscalations } from "~/models/escalation.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/format.ts";

export const meta: MetaFunction = () => [{ title: "Đề nghị cấp trên khen thưởng · Thi đua – Khen thưởng" }];

export const EscalateSchema = z.object(dossierEventFields);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["chairman", "secretary"]);
  const [candidates, sent] = await Promise.all([listEscalatable(user), listEscalations(user)]);
  return {
    // The approval page is the chairman's and the vice-chairman's: the secretary reaches this one from the menu.
    canApprove: user.grants.some((grant) => grant.role === "chairman" || grant.role === "vice_chairman"),
    candidates: candidates.map((d) => ({
      id: d.id,
      version: d.version,
      nominee: d.nominee.name,
      position: d.nominee.position,
      unitName: d.unit.name,
      movement: `${d.movement.title} (${d.movement.year})`,
      state: DOSSIER_STATE_LABELS[d.state],
      decision: d.decisionEntry?.decision ?? null,
      target: d.target.ok ? { name: d.target.unit.name, note: d.target.note } : null,
      problem: d.target.ok ? null : d.target.message,
    })),
    sent: sent.map((e) => ({
      id: e.id,
      dossierId: e.dossierId,
      number: e.number,
      date: formatDate(e.proposedAt),
      nominee: e.dossier.nominee.name,
      movement: `${e.dossier.movement.title} (${e.dossier.movement.year})`,
      to: e.toUnit.name,
      note: e.routingNote,
      manifestSha256: e.manifestSha256,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["chairman", "secretary"]);
  const form = Object.fromEntries(await request.formData());
  const parsed = EscalateSchema.safeParse(form);
  if (!parsed.success) return data({ dossierId: String(form.dossierId ?? ""), message: STALE_FORM }, { status: 400 });
  const result = await escalateDossier(user, parsed.data.dossierId, { expectedVersion: parsed.data.version });
  if (!result.ok) return data({ dossierId: parsed.data.dossierId, message: result.message }, { status: result.status });
  return redirect(`/phe-duyet/de-nghi-cap-tren?xong=${encodeURIComponent(result.number)}`);
}

export default function EscalationPage() {
  const { candidates, sent, canApprove } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const done = params.get("xong");
  return (
    <>
      {canApprove ? (
        <p className="muted">
          <Link to="/phe-duyet">Phê duyệt khen thưởng</Link>
        </p>
      ) : null}
      <h1>Đề nghị cấp trên khen thưởng</h1>
      <p className="muted">
        Hồ sơ đã được phê duyệt (hoặc đã được tặng Giấy khen) có thể được đề nghị cơ quan cấp trên khen thưởng. Cấp trên là đơn vị cấp trên
        trực tiếp trong cây đơn vị; nếu đơn vị đó đã kết thúc hoạt động (như cấp huyện từ ngày 01/07/2025) hoặc đã hợp nhất, hệ thống gửi
        đến đơn vị kế thừa và ghi rõ lý do.
      </p>
      {done && !failure ? (
        <p className="notice">
          Đã lập Tờ trình số {done} và chuyển hồ sơ sang «Đã đề nghị cấp trên». Tải bộ hồ sơ (ZIP) ở danh sách bên dưới.
        </p>
      ) : null}
      {failure && !candidates.some((c) => c.id === failure.dossierId) ? (
        <p className="form-error" role="alert">
          {failure.message}
        </p>
      ) : null}

      <h2>Hồ sơ có thể đề nghị</h2>
      {candidates.length === 0 ? (
        <p className="muted">Không có hồ sơ nào đã phê duyệt để đề nghị cấp trên.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Cá nhân, tập thể</th>
              <th>Phong trào</th>
              <th>Trạng thái</th>
              <th>Gửi đến</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {candidates.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/ho-so/${c.id}`}>{c.nominee}</Link>
                  {c.position ? <div className="muted">{c.position}</div> : null}
                  <div className="muted">{c.unitName}</div>
                </td>
                <td>{c.movement}</td>
                <td>
                  {c.state}
                  {c.decision ? (
                    <div className="muted">
                      <Link to={`/quyet-dinh/${c.decision.id}`}>QĐ số {c.decision.number}</Link>
                    </div>
                  ) : null}
                </td>
                <td>
                  {c.target ? (
                    <>
                      <strong>{c.target.name}</strong>
                      {c.target.note ? <div className="muted">{c.target.note}</div> : null}
                    </>
                  ) : (
                    <span className="form-error">{c.problem}</span>
                  )}
                </td>
                <td>
                  {failure?.dossierId === c.id ? (
                    <p className="form-error" role="alert">
                      {failure.message}
                    </p>
                  ) : null}
                  {c.target ? (
                    <Form method="post">
                      <input type="hidden" name="dossierId" value={c.id} />
                      <input type="hidden" name="version" value={c.version} />
                      <button type="submit" className="primary" disabled={busy}>
                        Lập Tờ trình và đề nghị
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Đã đề nghị</h2>
      {sent.length === 0 ? (
        <p className="muted">Chưa có hồ sơ nào được đề nghị cấp trên.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Tờ trình</th>
              <th>Cá nhân, tập thể</th>
              <th>Gửi đến</th>
              <th>Bộ hồ sơ</th>
            </tr>
          </thead>
          <tbody>
            {sent.map((e) => (
              <tr key={e.id}>
                <td>
                  Số {e.number}
                  <div className="muted">ngày {e.date}</div>
                </td>
                <td>
                  <Link to={`/ho-so/${e.dossierId}`}>{e.nominee}</Link>
                  <div className="muted">{e.movement}</div>
                </td>
                <td>
                  {e.to}
                  {e.note ? <div className="muted">{e.note}</div> : null}
                </td>
                <td>
                  <a className="button" href={`/ho-so/${e.dossierId}/de-nghi-cap-tren.zip`}>
                    Tải ZIP
                  </a>
                  {e.manifestSha256 ? (
                    <div className="muted hash" title="SHA-256 của manifest.json trong bộ hồ sơ đã gửi">
                      SHA-256 manifest: {e.manifestSha256.slice(0, 16)}…
                    </div>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
