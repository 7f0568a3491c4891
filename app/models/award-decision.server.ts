// Quyết định khen thưởng: the chairman (or a delegated vice-chairman, "KT. CHỦ TỊCH") signs one
// decision for the approved dossiers of a movement. Numbers are gap-free per unit and year: the
// counter row is locked by the transaction that inserts the decision, so a rollback returns the number.
import { actorHolds } from "#machines/index.ts";
import type { AwardTitle, NomineeKind, Prisma } from "~/generated/prisma/client.ts";
import type { CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { formatDate } from "~/utils/format.ts";
import { Refusal, attempt, refuse, type Result } from "~/utils/result.ts";
import { foldForSearch } from "~/utils/search.ts";
import { AWARD_FORM_LABELS, AWARD_TITLE_LABELS, NOMINEE_KIND_LABELS } from "~/utils/labels.ts";
import { authorityName, countPhrase, documentNumber, documentUnitName, localityOf, vietnamYear } from "~/documents/wording.server.ts";
import { appendAudit } from "./audit.server.ts";
import { storeSignedDecisionPdf } from "./decision-pdf.server.ts";
import { basisLine, decisionBasis } from "./document-settings.server.ts";
import { actorFor } from "./dossier.server.ts";
import { delegationInForce } from "./delegation.server.ts";
import { unitsWhereRole } from "./org-unit.server.ts";
import { ensureTestCredentials, unitSigner } from "./signing-credential.server.ts";

type Tx = Prisma.TransactionClient;

export const DECISION_SERIES = "QĐ-UBND";

/**
 * The next number of a unit's series in a year, gap-free: one statement increments the counter and
 * keeps its row locked until the caller's transaction ends. Concurrent signers queue on the row; a
 * transaction that rolls back takes its increment with it, so the next signer gets the same number.
 */
export async function nextNumber(tx: Tx, unitId: string, year: number, series: string): Promise<number> {
  const [row] = await tx.$queryRaw<Array<{ last: number }>>`
    INSERT INTO "DocumentCounter" ("unitId", "year", "series", "last", "updatedAt")
    VALUES (${unitId}, ${year}::int, ${series}, 1, now())
    ON CONFLICT ("unitId", "year", "series") DO UPDATE SET "last" = "DocumentCounter"."last" + 1, "updatedAt" = now()
    RETURNING "last"`;
  return Number(row!.last);
}

// ─── Who signs ──────────────────────────────────────────────────────────────

export type SigningAuthority = { signerTitle: string; onBehalf: boolean; delegationId: string | null };

export const NOT_A_SIGNER =
  "Bạn không có quyền ký quyết định khen thưởng của phong trào này. Phó Chủ tịch UBND xã chỉ được ký thay (KT. CHỦ TỊCH) khi có ủy quyền của Chủ tịch còn hiệu lực cho phong trào.";

/** The chairman of the movement's commune signs "CHỦ TỊCH"; a vice-chairman with a delegation in force "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH". */
export async function signingAuthority(
  user: CurrentUser,
  movement: { id: string; unitId: string },
  now = new Date(),
  db: Tx | typeof prisma = prisma,
): Promise<SigningAuthority | null> {
  if (user.grants.some((grant) => grant.role === "chairman" && grant.unitId === movement.unitId)) {
    return { signerTitle: "CHỦ TỊCH", onBehalf: false, delegationId: null };
  }
  if (user.grants.some((grant) => grant.role === "vice_chairman" && grant.unitId === movement.unitId)) {
    const delegation = await delegationInForce(db, user.id, movement.unitId, movement.id, now);
    if (delegation) return { signerTitle: "PHÓ CHỦ TỊCH", onBehalf: true, delegationId: delegation.id };
  }
  return null;
}

// ─── The legal basis, as printed ────────────────────────────────────────────
// The laws and decrees cited, and who proposes, are the unit's (app/models/document-settings.server.ts).

/**
 * What the decision confers before "Giấy khen": "" (the form alone), "danh hiệu “Lao động tiên tiến” và " (one title),
 * or "danh hiệu thi đua và " (several; the attached list names each awardee's).
 */
export function titlesPhrase(titles: Array<AwardTitle | null>): string {
  const distinct = [...new Set(titles.filter((title): title is AwardTitle => title !== null))];
  if (distinct.length === 0) return "";
  return distinct.length === 1 ? `danh hiệu “${AWARD_TITLE_LABELS[distinct[0]!]}” và ` : "danh hiệu thi đua và ";
}

export function decisionSubject(
  movement: { title: string; year: number },
  kinds: NomineeKind[],
  titles: Array<AwardTitle | null> = [],
): string {
  const who = [...new Set(kinds)].map((kind) => NOMINEE_KIND_LABELS[kind]).join(", ") || "cá nhân, tập thể";
  return `Về việc tặng ${titlesPhrase(titles)}Giấy khen cho ${kinds.length > 1 ? "các " : ""}${who} đã có thành tích xuất sắc trong phong trào thi đua “${movement.title}” năm ${movement.year}`;
}

export const DEFAULT_RECIPIENTS = ["- Như Điều 3;", "- TT. Đảng ủy, TT. HĐND xã (b/c);", "- CT, các PCT UBND xã;", "- Lưu: VT, VP."];

// ─── Signing ────────────────────────────────────────────────────────────────

/** Dossiers of a movement that were approved and are in no decision yet. */
function undecidedWhere(movementId: string): Prisma.DossierWhereInput {
  return { movementId, state: "approved", decisionEntry: { is: null } };
}

const KIND_ORDER: Record<NomineeKind, number> = { individual: 0, collective: 1, household: 2 };

/** "Công chức Tư pháp - Hộ tịch, Bộ phận Tư pháp - Hộ tịch": position and unit as the report gives them. */
export function awardeeDetail(dossier: {
  kind: NomineeKind;
  nominee: { name: string; position: string | null };
  unit: { name: string };
  report?: { position?: unknown; unitName?: unknown } | null;
}): string | null {
  const position =
    typeof dossier.report?.position === "string" && dossier.report.position.trim()
      ? dossier.report.position.trim()
      : dossier.nominee.position;
  const unitName =
    typeof dossier.report?.unitName === "string" && dossier.report.unitName.trim() ? dossier.report.unitName.trim() : dossier.unit.name;
  if (dossier.kind !== "individual") return unitName && unitName !== dossier.nominee.name ? unitName : null;
  const parts = [position, unitName].filter((part): part is string => Boolean(part && part.trim()));
  // "Trưởng Bộ phận Tư pháp" already names the unit.
  if (parts.length === 2 && parts[0]!.toLowerCase().includes(parts[1]!.toLowerCase())) parts.pop();
  return parts.join(", ") || null;
}

/**
 * Signs one decision for every approved dossier of the movement not yet in a decision.
 * The movement row is locked first: two signers of one movement queue, the second finds nothing left.
 */
export async function signAwardDecision(
  user: CurrentUser,
  movementId: string,
  now = new Date(),
): Promise<Result<{ decisionId: string; number: string }>> {
  const units = unitsWhereRole(user, "chairman", "vice_chairman");
  if (units.length === 0) return refuse(403, NOT_A_SIGNER);
  const actor = await actorFor(user);
  await ensureTestCredentials(units); // outside production only; slow (RSA key), so before the locks
  return attempt(() =>
    prisma.$transaction(
      async (tx) => {
        const inScope = await tx.movement.findFirst({ where: { id: movementId, unitId: { in: units } }, select: { id: true } });
        if (!inScope) throw new Refusal(404, "Không tìm thấy phong trào thi đua.");
        await tx.$queryRaw`SELECT id FROM "Movement" WHERE id = ${movementId} FOR UPDATE`;
        const movement = await tx.movement.findUniqueOrThrow({
          where: { id: movementId },
          select: {
            id: true,
            unitId: true,
            title: true,
            year: true,
            legalBasis: true,
            prizeAmount: true,
            unit: { select: { name: true, placeName: true } },
            awards: { select: { nomineeKind: true, title: true } },
          },
        });
        // The machine's signer rule, for a document it does not see (the same rule as APPROVE).
        if (!actorHolds(actor, ["chairman", "vice_chairman"], movement.unitId, movement.id)) throw new Refusal(403, NOT_A_SIGNER);
        const authority = await signingAuthority(user, movement, now, tx);
        if (!authority) throw new Refusal(403, NOT_A_SIGNER);
        const signer = await unitSigner(tx, movement.unitId, now);
        if (!signer.ok) throw new Refusal(409, signer.message);

        const dossiers = await tx.dossier.findMany({
          where: undecidedWhere(movement.id),
          orderBy: { createdAt: "asc" },
          select: {
            id: true,
            kind: true,
            awardForm: true,
            nominee: { select: { name: true, position: true } },
            unit: { select: { name: true } },
            documents: { where: { kind: "achievement_report" }, select: { data: true } },
            sessions: {
              where: { passed: true, session: { state: "closed" } },
              select: { session: { select: { closedAt: true, closesAt: true } } },
            },
          },
        });
        if (dossiers.length === 0) {
          throw new Refusal(
            409,
            "Không còn hồ sơ nào đã phê duyệt mà chưa có quyết định khen thưởng (có thể quyết định vừa được ký ở một cửa sổ khác).",
          );
        }
        dossiers.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
        // The title the movement confers on each kind (frozen since its launch), copied onto the entries.
        const titleOf = (kind: NomineeKind) => movement.awards.find((award) => award.nomineeKind === kind)?.title ?? null;

        const year = vietnamYear(now);
        const sequence = await nextNumber(tx, movement.unitId, year, DECISION_SERIES);
        const number = documentNumber(sequence, DECISION_SERIES);
        const meetingDates = [
          ...new Set(
            dossiers
              .flatMap((d) => d.sessions.map((s) => s.session.closedAt ?? s.session.closesAt))
              .sort((a, b) => a.getTime() - b.getTime())
              .map((date) => formatDate(date)),
          ),
        ];
        const basis = await decisionBasis(movement.unitId, now, tx);
        const legalBasis = [
          ...basis.legalBasis,
          ...movement.legalBasis.filter((line) => line.trim()).map(basisLine),
          ...(meetingDates.length > 0 ? [`Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng xã ngày ${meetingDates.join(", ")};`] : []),
          `Theo đề nghị của ${basis.proposedBy}.`,
        ];
        const decision = await tx.awardDecision.create({
          data: {
            unitId: movement.unitId,
            movementId: movement.id,
            year,
            sequence,
            number,
            decidedAt: now,
            subject: decisionSubject(
              movement,
              dossiers.map((d) => d.kind),
              dossiers.map((d) => titleOf(d.kind)),
            ),
            legalBasis,
            recipients: DEFAULT_RECIPIENTS,
            prizeAmount: movement.prizeAmount,
            signerId: user.id,
            signerName: user.fullName,
            signerTitle: authority.signerTitle,
            onBehalf: authority.onBehalf,
            delegationId: authority.delegationId,
            entries: {
              create: dossiers.map((dossier, index) => ({
                dossierId: dossier.id,
                position: index + 1,
                kind: dossier.kind,
                name: dossier.nominee.name,
                searchName: foldForSearch(dossier.nominee.name),
                detail: awardeeDetail({ ...dossier, report: (dossier.documents[0]?.data ?? null) as Record<string, unknown> | null }),
                awardForm: dossier.awardForm,
                awardTitle: titleOf(dossier.kind),
                prizeAmount: movement.prizeAmount,
              })),
            },
          },
          select: { id: true },
        });
        // The signed PDF is made from the stored rows and kept in this same transaction.
        const pdf = await storeSignedDecisionPdf(
          tx,
          decision.id,
          decisionDocument((await loadDecision("all", decision.id, tx))!),
          signer.signer,
          {
            signerName: user.fullName,
            signedAt: now,
          },
        );
        await appendAudit(
          tx,
          {
            chainId: movement.unitId,
            actorId: user.id,
            actorName: user.fullName,
            action: "decision.SIGN",
            entityType: "AwardDecision",
            entityId: decision.id,
            data: {
              number,
              year,
              movementId: movement.id,
              dossierIds: dossiers.map((d) => d.id),
              signer: authority.onBehalf ? `KT. CHỦ TỊCH - ${authority.signerTitle}` : authority.signerTitle,
              delegationId: authority.delegationId,
              prizeAmount: movement.prizeAmount?.toString() ?? null,
              pdfSha256: pdf.sha256,
              certificateFingerprint: pdf.certificateFingerprint,
            },
          },
          now,
        );
        // Each dossier's timeline shows the decision that awarded it.
        for (const dossier of dossiers) {
          await appendAudit(
            tx,
            {
              chainId: movement.unitId,
              actorId: user.id,
              actorName: user.fullName,
              action: "decision.INCLUDE",
              entityType: "Dossier",
              entityId: dossier.id,
              data: { decisionId: decision.id, number },
            },
            now,
          );
        }
        return { ok: true as const, decisionId: decision.id, number };
      },
      { timeout: 60_000, maxWait: 30_000 },
    ),
  );
}

// ─── Reading ────────────────────────────────────────────────────────────────

/** Units whose decisions a user sees: where they are chairman, vice-chairman or secretary. */
export function decisionUnits(user: CurrentUser): string[] {
  return unitsWhereRole(user, "chairman", "vice_chairman", "secretary");
}

const decisionSelect = {
  id: true,
  unitId: true,
  movementId: true,
  number: true,
  year: true,
  decidedAt: true,
  subject: true,
  legalBasis: true,
  recipients: true,
  prizeAmount: true,
  signerId: true,
  signerName: true,
  signerTitle: true,
  onBehalf: true,
  unit: { select: { name: true, placeName: true, authorityName: true } },
  movement: { select: { id: true, title: true, year: true } },
  entries: {
    orderBy: { position: "asc" },
    select: {
      id: true,
      dossierId: true,
      position: true,
      kind: true,
      name: true,
      detail: true,
      awardForm: true,
      awardTitle: true,
      prizeAmount: true,
      dossier: {
        select: {
          state: true,
          version: true,
          certificate: {
            select: {
              id: true,
              serial: true,
              goldenBookNumber: true,
              issuedAt: true,
              revokedAt: true,
              revokedReason: true,
              replaces: { select: { serial: true } },
            },
          },
        },
      },
    },
  },
} satisfies Prisma.AwardDecisionSelect;

/** A decision the user may see (chairman, vice-chairman or secretary of its unit), or null. */
export function loadDecision(user: CurrentUser | "all", decisionId: string, db: Tx | typeof prisma = prisma) {
  return db.awardDecision.findFirst({
    where: { id: decisionId, ...(user === "all" ? {} : { unitId: { in: decisionUnits(user) } }) },
    select: decisionSelect,
  });
}

export type LoadedDecision = NonNullable<Awaited<ReturnType<typeof loadDecision>>>;

/** What the decision PDF prints, from the stored decision only. */
export function decisionDocument(decision: LoadedDecision) {
  const prize = decision.prizeAmount === null ? null : Number(decision.prizeAmount);
  const counts = (["individual", "collective", "household"] as const).map(
    (kind) => [decision.entries.filter((e) => e.kind === kind).length, NOMINEE_KIND_LABELS[kind]] as [number, string],
  );
  const unitName = documentUnitName(decision.unit);
  return {
    unitName,
    authority: authorityName(unitName),
    locality: localityOf(unitName),
    place: decision.unit.placeName ?? localityOf(unitName),
    number: decision.number,
    decidedAt: decision.decidedAt,
    subject: decision.subject,
    legalBasis: decision.legalBasis,
    recipients: decision.recipients,
    prize,
    awardeesPhrase: countPhrase(counts),
    /** "danh hiệu “…” và " before "Giấy khen" in Điều 1 and the list's heading; "" when no entry has a title. */
    titlesPhrase: titlesPhrase(decision.entries.map((entry) => entry.awardTitle)),
    movement: decision.movement,
    signerName: decision.signerName,
    signerTitle: decision.signerTitle,
    onBehalf: decision.onBehalf,
    entries: decision.entries.map((entry) => ({
      position: entry.position,
      kind: entry.kind,
      name: entry.name,
      detail: entry.detail,
      awardForm: AWARD_FORM_LABELS[entry.awardForm],
      awardTitle: entry.awardTitle ? AWARD_TITLE_LABELS[entry.awardTitle] : null,
      prize: entry.prizeAmount === null ? null : Number(entry.prizeAmount),
    })),
  };
}

export type DecisionDocument = ReturnType<typeof decisionDocument>;
