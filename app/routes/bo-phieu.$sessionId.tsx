import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { evaluateTally } from "#machines/index.ts";
import { evaluateFigure, thresholdText, withUnit } from "~/forms/achievement-report.ts";
import { POSITION_LABELS, sortMembers } from "~/models/council.server.ts";
import { percent } from "~/models/council-minutes.server.ts";
import { unitsWhereRole } from "~/models/org-unit.server.ts";
import { castBallot, closeVotingSession, declareRecusal, secretaryCloser } from "~/models/voting.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { formatDateTime } from "~/utils/format.ts";
import { invariantResponse } from "~/utils/http.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Phiên bỏ phiếu"} · Thi đua – Khen thưởng` }];

/**
 * A voting session as the person looking at it may see it. Members see whether THEY voted on each
 * dossier (never how), the secretary sees who has not voted yet, and nobody sees counts before closing.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const session = await prisma.votingSession.findFirst({
    where: {
      id: params.sessionId,
      OR: [{ members: { some: { userId: user.id } } }, { unitId: { in: unitsWhereRole(user, "secretary", "chairman", "vice_chairman") } }],
    },
    select: {
      id: true,
      title: true,
      place: true,
      state: true,
      unitId: true,
      openedAt: true,
      closesAt: true,
      closedAt: true,
      quorumNum: true,
      quorumDen: true,
      thresholdNum: true,
      thresholdDen: true,
      movement: { select: { id: true, title: true, year: true } },
      members: { select: { userId: true, fullName: true, position: true, title: true } },
      recusals: { select: { userId: true, dossierId: true, reason: true } },
      receipts: { select: { userId: true, dossierId: true } },
      dossiers: {
        orderBy: { position: "asc" },
        select: {
          dossierId: true,
          entitled: true,
          voted: true,
          agree: true,
          disagree: true,
          passed: true,
          dossier: {
            select: {
              nominee: { select: { name: true, position: true } },
              unit: { select: { name: true } },
              figures: {
                select: {
                  value: true,
                  notApplicable: true,
                  target: { select: { label: true, comparator: true, threshold: true, unit: true, optional: true } },
                },
              },
            },
          },
        },
      },
    },
  });
  invariantResponse(session, "Không tìm thấy phiên bỏ phiếu.", { status: 404 });

  const closed = session.state === "closed";
  const isMember = session.members.some((m) => m.userId === user.id);
  const isSecretary = unitsWhereRole(user, "secretary").includes(session.unitId);
  const mine = <T extends { userId: string; dossierId: string }>(list: T[], dossierId: string) =>
    list.find((item) => item.userId === user.id && item.dossierId === dossierId);

  return {
    id: session.id,
    title: session.title,
    place: session.place,
    closed,
    open: !closed && Date.now() < session.closesAt.getTime(),
    movement: session.movement,
    openedAt: formatDateTime(session.openedAt),
    closesAt: formatDateTime(session.closesAt),
    closedAt: session.closedAt ? formatDateTime(session.closedAt) : null,
    rules: `Bỏ phiếu kín; hợp lệ khi có ít nhất ${session.quorumNum}/${session.quorumDen} số thành viên có quyền biểu quyết tham gia; đề nghị khen thưởng khi có từ ${percent(session.thresholdNum, session.thresholdDen)} số thành viên có quyền biểu quyết đồng ý.`,
    isMember,
    isSecretary,
    members: sortMembers(session.members).map((member) => ({
      fullName: member.fullName,
      position: POSITION_LABELS[member.position],
      // Who has voted is not secret (it drives reminders); what they voted is.
      votedOn: isSecretary || closed ? session.receipts.filter((r) => r.userId === member.userId).length : null,
      entitledTo: session.dossiers.length - session.recusals.filter((r) => r.userId === member.userId).length,
    })),
    dossiers: session.dossiers.map((item) => {
      const recusal = mine(session.recusals, item.dossierId);
      const tally = {
        members: item.entitled ?? 0,
        voted: item.voted ?? 0,
        agree: item.agree ?? 0,
        quorum: { num: session.quorumNum, den: session.quorumDen },
        threshold: { num: session.thresholdNum, den: session.thresholdDen },
      };
      return {
        id: item.dossierId,
        nominee: item.dossier.nominee.name,
        position: item.dossier.nominee.position,
        unit: item.dossier.unit.name,
        unmet: item.dossier.figures
          .filter(
            (f) =>
              evaluateFigure(
                { ...f.target, threshold: f.target.threshold.toString() },
                f.value === null ? null : Number(f.value),
                f.notApplicable,
              ) === "unmet",
          )
          .map(
            (f) =>
              `${f.target.label}: ${withUnit(f.value!.toString(), f.target.unit)} (yêu cầu ${thresholdText({ ...f.target, threshold: f.target.threshold.toString() })})`,
          ),
        recusedReason: recusal ? recusal.reason : null,
        iVoted: Boolean(mine(session.receipts, item.dossierId)),
        // Counts exist only once the session is closed.
        result: closed
          ? {
              ...tally,
              disagree: item.disagree ?? 0,
              share: percent(tally.agree, tally.members),
              passed: Boolean(item.passed),
              quorumMet: evaluateTally(tally).quorumMet,
            }
          : null,
      };
    }),
  };
}

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("vote"),
    dossierId: z.string().min(1),
    choice: z.enum(["agree", "disagree"], { error: "Vui lòng chọn Đồng ý hoặc Không đồng ý." }),
  }),
  z.object({
    intent: z.literal("recuse"),
    dossierId: z.string().min(1),
    reason: z.string({ error: "Vui lòng ghi rõ lý do." }).trim().min(1, "Vui lòng ghi rõ lý do."),
  }),
  z.object({ intent: z.literal("close") }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = ActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ ok: false as const, dossierId: null, message: parsed.error.issues[0]!.message }, { status: 400 });
  const sessionId = params.sessionId!;
  const input = parsed.data;
  const result =
    input.intent === "vote"
      ? await castBallot(user, { sessionId, dossierId: input.dossierId, choice: input.choice })
      : input.intent === "recuse"
        ? await declareRecusal(user, { sessionId, dossierId: input.dossierId, reason: input.reason })
        : await closeVotingSession(await secretaryCloser(user), sessionId);
  if (!result.ok) {
    return data(
      { ok: false as const, dossierId: "dossierId" in input ? input.dossierId : null, message: result.message },
      { status: result.status },
    );
  }
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
          <dd>{session.place}, bỏ phiếu kín</dd>
          <dt>Mở phiên</dt>
          <dd>{session.openedAt}</dd>
          <dt>{session.closed ? "Đã kết thúc" : "Kết thúc bỏ phiếu"}</dt>
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
      </div>
      {failure && !failure.ok && !failure.dossierId ? (
        <p className="form-error" role="alert">
          {failure.message}
        </p>
      ) : null}

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
            <table>
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
                  <td className="num">{dossier.result.members}</td>
                  <td className="num">{dossier.result.voted}</td>
                  <td className="num">{dossier.result.agree}</td>
                  <td className="num">{dossier.result.disagree}</td>
                  <td className="num">{dossier.result.share}</td>
                  <td>
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
                <p>
                  {dossier.iVoted ? (
                    <span className="badge open">Bạn đã bỏ phiếu</span>
                  ) : (
                    <span className="badge warn">Bạn chưa bỏ phiếu</span>
                  )}
                </p>
                <Form method="post" className="ballot">
                  <input type="hidden" name="intent" value="vote" />
                  <input type="hidden" name="dossierId" value={dossier.id} />
                  <fieldset>
                    <legend>{dossier.iVoted ? "Thay đổi phiếu" : "Phiếu biểu quyết"}</legend>
                    <label style={{ fontWeight: "normal" }}>
                      <input type="radio" name="choice" value="agree" required /> Đồng ý
                    </label>
                    <label style={{ fontWeight: "normal" }}>
                      <input type="radio" name="choice" value="disagree" required /> Không đồng ý
                    </label>
                  </fieldset>
                  <button type="submit" className="primary" disabled={busy}>
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
          {failure && !failure.ok && failure.dossierId === dossier.id ? (
            <p className="form-error" role="alert">
              {failure.message}
            </p>
          ) : null}
        </section>
      ))}

      {session.isSecretary || session.closed ? (
        <>
          <h2>Thành viên Hội đồng</h2>
          <table>
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
                  <td>{member.position}</td>
                  <td className="num">
                    {member.votedOn}/{member.entitledTo} hồ sơ
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}

      {session.isSecretary && !session.closed ? (
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
