import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { FormMessage } from "~/components/ui/action-message.tsx";
import { requiredReason } from "~/forms/dossier-event.ts";
import { castBallot, closeVotingSession, declareRecusal, secretaryCloser, viewVotingSession } from "~/models/voting.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { invariantResponse } from "~/utils/http.ts";
import { refused } from "~/utils/respond.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Phiên bỏ phiếu"} · Thi đua – Khen thưởng` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const session = await viewVotingSession(user, params.sessionId!);
  invariantResponse(session, "Không tìm thấy phiên bỏ phiếu.", { status: 404 });
  return session;
}

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("vote"),
    dossierId: z.string().max(200).min(1),
    choice: z.enum(["agree", "disagree"], { error: "Vui lòng chọn Đồng ý hoặc Không đồng ý." }),
  }),
  z.object({
    intent: z.literal("recuse"),
    dossierId: z.string().max(200).min(1),
    reason: requiredReason("Vui lòng ghi rõ lý do."),
  }),
  z.object({ intent: z.literal("close") }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = ActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return refused(null, { message: parsed.error.issues[0]!.message, status: 400 });
  const sessionId = params.sessionId!;
  const input = parsed.data;
  const result =
    input.intent === "vote"
      ? await castBallot(user, { sessionId, dossierId: input.dossierId, choice: input.choice })
      : input.intent === "recuse"
        ? await declareRecusal(user, { sessionId, dossierId: input.dossierId, reason: input.reason })
        : await closeVotingSession(await secretaryCloser(user), sessionId);
  if (!result.ok) return refused("dossierId" in input ? input.dossierId : null, result);
  return redirect(`/bo-phieu/${sessionId}${input.intent === "vote" ? `#ho-so-${input.dossierId}` : ""}`);
}

export default function VotingSessionPage() {
  const session = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  return (
    <>
      <p className="muted">
        <Link to="/bo-phieu">Phiên bỏ phiếu</Link> · Phong trào “{session.movement.title}” năm {session.movement.year}
      </p>
      <h1>{session.title}</h1>
      <div className="card">
        <dl className="facts">
          <dt>Hình thức</dt>
          <dd>{session.paper ? `Họp trực tiếp tại ${session.place}, bỏ phiếu kín bằng phiếu giấy` : `${session.place}, bỏ phiếu kín`}</dd>
          {session.minutesNumber ? (
            <>
              <dt>Biên bản</dt>
              <dd>Số {session.minutesNumber}</dd>
            </>
          ) : null}
          <dt>Mở phiên</dt>
          <dd>{session.openedAt}</dd>
          <dt>{session.closed ? "Đã kết thúc" : session.paper ? "Thời gian họp" : "Kết thúc bỏ phiếu"}</dt>
          <dd>{session.closedAt ?? session.closesAt}</dd>
          <dt>Nguyên tắc</dt>
          <dd>{session.rules}</dd>
        </dl>
        {session.closed ? (
          <p>
            <a className="button" href={`/bo-phieu/${session.id}/bien-ban.pdf`}>
              Tải Biên bản họp Hội đồng (PDF)
            </a>
          </p>
        ) : null}
        {session.paper && !session.closed && session.isSecretary ? (
          <p>
            <Link className="button" to={`/bo-phieu/${session.id}/kiem-phieu`}>
              Điểm danh, in phiếu bầu và nhập kết quả kiểm phiếu
            </Link>
          </p>
        ) : null}
        {session.paper && !session.closed && !session.isSecretary && session.counted && session.isChairman ? (
          <p>
            <Link className="button" to={`/bo-phieu/${session.id}/kiem-phieu`}>
              Xem và xác nhận kết quả kiểm phiếu
            </Link>
          </p>
        ) : null}
      </div>
      <FormMessage data={failure} target={null} />

      {session.closed ? <h2>Kết quả biểu quyết</h2> : <h2>Hồ sơ đưa ra biểu quyết</h2>}
      {session.open && session.isMember ? (
        <p className="notice">
          Phiếu của bạn được giữ kín: không ai, kể cả quản trị hệ thống, xem được bạn chọn gì. Bạn có thể thay đổi phiếu đến khi kết thúc
          phiên.
        </p>
      ) : null}
      {session.dossiers.map((dossier) => (
        <section key={dossier.id} id={`ho-so-${dossier.id}`} className="card">
          <h3 style={{ marginTop: 0 }}>
            <Link to={`/ho-so/${dossier.id}`}>{dossier.nominee}</Link>
            {dossier.position ? <span className="muted"> · {dossier.position}</span> : null}
          </h3>
          <p className="muted">{dossier.unit}</p>
          {dossier.unmet.length > 0 ? (
            <div className="notice">
              <strong>Chỉ tiêu chưa đạt:</strong>
              <ul>
                {dossier.unmet.map((line) => (
                  <li key={line}>
                    <span className="badge warn">Chưa đạt</span> {line}
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p>
              <span className="badge open">Đạt tất cả chỉ tiêu</span>
            </p>
          )}

          {dossier.result ? (
            <table className="cards">
              <thead>
                <tr>
                  <th className="num">Phiếu phát ra</th>
                  <th className="num">Phiếu thu về</th>
                  <th className="num">Đồng ý</th>
                  <th className="num">Không đồng ý</th>
                  <th className="num">Tỷ lệ đồng ý</th>
                  <th>Kết luận</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <td data-label="Phiếu phát ra" className="num">
                    {dossier.result.members}
                  </td>
                  <td data-label="Phiếu thu về" className="num">
                    {dossier.result.voted}
                  </td>
                  <td data-label="Đồng ý" className="num">
                    {dossier.result.agree}
                  </td>
                  <td data-label="Không đồng ý" className="num">
                    {dossier.result.disagree}
                  </td>
                  <td data-label="Tỷ lệ đồng ý" className="num">
                    {dossier.result.share}
                  </td>
                  <td data-label="Kết luận">
                    {dossier.result.passed ? (
                      <span className="badge open">Đạt</span>
                    ) : (
                      <span className="badge bad">{dossier.result.quorumMet ? "Không đạt" : "Không đủ số thành viên biểu quyết"}</span>
                    )}
                  </td>
                </tr>
              </tbody>
            </table>
          ) : null}

          {session.open && session.isMember ? (
            dossier.recusedReason ? (
              <p className="muted">Bạn không tham gia biểu quyết hồ sơ này ({dossier.recusedReason.toLowerCase()}).</p>
            ) : (
              <>
                {/* Announced when it changes: the member hears the ballot was counted without leaving the row. */}
                <p role="status">
                  {dossier.iVoted ? (
                    <span className="badge open">Bạn đã bỏ phiếu</span>
                  ) : (
                    <span className="badge warn">Bạn chưa bỏ phiếu</span>
                  )}
                </p>
                {/* preventScrollReset and a button that is never disabled: after a vote by keyboard, the focus and the
                    scroll stay on this row (a disabled button would drop the focus to the top of the page). */}
                <Form method="post" className="ballot" preventScrollReset>
                  <input type="hidden" name="intent" value="vote" />
                  <input type="hidden" name="dossierId" value={dossier.id} />
                  <fieldset>
                    <legend>
                      {dossier.iVoted ? "Thay đổi phiếu" : "Phiếu biểu quyết"}: {dossier.nominee}
                    </legend>
                    <label className="choice">
                      <input type="radio" name="choice" value="agree" required /> Đồng ý
                    </label>
                    <label className="choice">
                      <input type="radio" name="choice" value="disagree" required /> Không đồng ý
                    </label>
                  </fieldset>
                  <button
                    type="submit"
                    className="primary"
                    aria-disabled={busy || undefined}
                    onClick={(event) => {
                      if (busy) event.preventDefault();
                    }}
                  >
                    Gửi phiếu
                  </button>
                </Form>
                <details>
                  <summary>Tôi xin không tham gia biểu quyết hồ sơ này (xung đột lợi ích)</summary>
                  <Form method="post" className="stack">
                    <input type="hidden" name="intent" value="recuse" />
                    <input type="hidden" name="dossierId" value={dossier.id} />
                    <label htmlFor={`reason-${dossier.id}`}>Lý do</label>
                    <textarea id={`reason-${dossier.id}`} name="reason" required rows={2} />
                    <button type="submit" className="secondary" disabled={busy}>
                      Xác nhận không tham gia
                    </button>
                  </Form>
                </details>
              </>
            )
          ) : null}
          <FormMessage data={failure} target={dossier.id} />
        </section>
      ))}

      {(session.isSecretary || session.closed) && !session.paper ? (
        <>
          <h2>Thành viên Hội đồng</h2>
          <table className="cards">
            <thead>
              <tr>
                <th>Họ và tên</th>
                <th>Chức danh</th>
                <th className="num">Đã bỏ phiếu</th>
              </tr>
            </thead>
            <tbody>
              {session.members.map((member) => (
                <tr key={member.fullName}>
                  <td>{member.fullName}</td>
                  <td data-label="Chức danh">{member.position}</td>
                  <td data-label="Đã bỏ phiếu" className="num">
                    {member.votedOn}/{member.entitledTo} hồ sơ
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}

      {session.isSecretary && !session.closed && !session.paper ? (
        <Form method="post" className="card no-print" style={{ marginTop: "1rem" }}>
          <input type="hidden" name="intent" value="close" />
          <p>
            Kết thúc phiên: kiểm phiếu, ghi kết quả vào từng hồ sơ và lập biên bản. Sau khi kết thúc, không ai có thể bỏ phiếu hoặc thay đổi
            phiếu.
          </p>
          <button type="submit" className="primary" disabled={busy}>
            Kết thúc bỏ phiếu và kiểm phiếu
          </button>
        </Form>
      ) : null}
    </>
  );
}
