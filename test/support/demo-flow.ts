// The demo commune carried further than the seed takes it, through the models the pages call, so that every
// kind of page has something to show: a closed session with its minutes, an approved pair signed into a
// decision with certificates, and a second session still open for ballots.
import { DEMO_PASSWORD } from "../../prisma/seed.ts";
import { actorFor, sendDossierEvent } from "~/models/dossier.server.ts";
import { signAwardDecision } from "~/models/award-decision.server.ts";
import { issueCertificates } from "~/models/certificate.server.ts";
import { castBallot, closeVotingSession, openVotingSession, secretaryCloser } from "~/models/voting.server.ts";
import { currentUserById, type CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";

export { DEMO_PASSWORD };

async function demoUser(username: string): Promise<CurrentUser> {
  const { id } = await prisma.user.findUniqueOrThrow({ where: { username }, select: { id: true } });
  return (await currentUserById(id))!;
}

function ok<T extends { ok: boolean }>(result: T, what: string): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`${what}: ${(result as unknown as { message: string }).message}`);
  return result as Extract<T, { ok: true }>;
}

/** Runs after the demo data is loaded (prepareDatabase), before the server starts on the same database. */
export async function advanceDemoCommune(now = new Date()) {
  const movement = await prisma.movement.findFirstOrThrow({ where: { unit: { code: "xa-tam-phuoc" }, year: 2023 }, select: { id: true } });
  const secretary = await demoUser("vanphong");
  const chairman = await demoUser("chutich");
  const screened = await prisma.dossier.findMany({ where: { movementId: movement.id, state: "screened" }, select: { id: true } });

  // 1. A session on the screened dossiers, every member agreeing, closed: minutes.
  const first = ok(
    await openVotingSession(secretary, {
      movementId: movement.id,
      dossierIds: screened.map((d) => d.id),
      closesAt: new Date(now.getTime() + 2 * 24 * 3600_000),
    }),
    "open the first session",
  );
  const members = await prisma.sessionMember.findMany({ where: { sessionId: first.sessionId }, select: { userId: true } });
  for (const member of members) {
    for (const dossier of screened) {
      ok(await castBallot({ id: member.userId }, { sessionId: first.sessionId, dossierId: dossier.id, choice: "agree" }), "ballot");
    }
  }
  ok(await closeVotingSession(await secretaryCloser(secretary), first.sessionId), "close the first session");

  // 2. The chairman approves both, signs the decision and issues the certificates.
  const actor = await actorFor(chairman);
  for (const dossier of screened) ok(await sendDossierEvent({ dossierId: dossier.id, actor, command: { type: "APPROVE" } }), "approve");
  const decision = ok(await signAwardDecision(chairman, movement.id), "sign the decision");
  ok(await issueCertificates(chairman, decision.decisionId), "issue the certificates");

  // 3. The submitted dossier screened and put to a second session that stays open.
  const submitted = await prisma.dossier.findMany({ where: { movementId: movement.id, state: "submitted" }, select: { id: true } });
  const secretaryActor = await actorFor(secretary);
  for (const dossier of submitted) {
    ok(await sendDossierEvent({ dossierId: dossier.id, actor: secretaryActor, command: { type: "ACCEPT_SCREENING" } }), "screen");
  }
  const second = ok(
    await openVotingSession(secretary, {
      movementId: movement.id,
      dossierIds: submitted.map((d) => d.id),
      closesAt: new Date(now.getTime() + 5 * 24 * 3600_000),
    }),
    "open the second session",
  );
  return { movementId: movement.id, closedSessionId: first.sessionId, openSessionId: second.sessionId, decisionId: decision.decisionId };
}
