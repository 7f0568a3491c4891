// Đề nghị cấp trên khen thưởng: the commune sends an approved (or awarded) dossier to the level
// above — the PARENT unit in the unit tree, followed through merges and ended units, never a
// hard-coded "huyện". One ZIP: the commune's Tờ trình, the dossier's documents and files, the
// council minutes, the decision, and manifest.json with the SHA-256 and size of every file.
import { createHash } from "node:crypto";
import JSZip from "jszip";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { CurrentUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { formatDate } from "~/utils/format.ts";
import { AWARD_FORM_LABELS, NOMINEE_KIND_LABELS, SUBJECT_KIND_LABELS } from "~/utils/labels.ts";
import { awardDecisionPdf } from "~/documents/decision.server.ts";
import { achievementReportPdf, proposalPdf, unitMinutesPdf } from "~/documents/dossier-documents.server.ts";
import { escalationProposalPdf, type EscalationDocument } from "~/documents/escalation.server.ts";
import { documentNumber, documentUnitName, localityOf, vietnamYear } from "~/documents/wording.server.ts";
import { appendAudit } from "./audit.server.ts";
import { Refusal, attempt, refuse, type Result } from "~/utils/result.ts";
import { decisionDocument, loadDecision, nextNumber } from "./award-decision.server.ts";
import { readContent } from "./attachment.server.ts";
import { verifyUrl } from "./certificate.server.ts";
import { councilMinutesPdf } from "~/documents/council-minutes.server.ts";
import { loadMinutes } from "./council-minutes.server.ts";
import { storedDecisionPdf } from "./decision-pdf.server.ts";
import { actorFor, applyDossierEvent } from "./dossier.server.ts";
import { loadDossier } from "./dossier-documents.server.ts";
import { unitsWhereRole } from "./org-unit.server.ts";

type Db = Prisma.TransactionClient | typeof prisma;

export const PROPOSAL_SERIES = "TTr-UBND";
const ESCALATABLE = ["approved", "awarded"] as const;

// ─── The level above ────────────────────────────────────────────────────────

const unitSelect = { id: true, name: true, kind: true, endedAt: true, parentId: true, mergedIntoId: true } satisfies Prisma.OrgUnitSelect;
type UnitRow = Prisma.OrgUnitGetPayload<{ select: typeof unitSelect }>;

export type HigherLevel = { ok: true; unit: { id: string; name: string }; note: string | null } | { ok: false; message: string };

/**
 * The unit a commune proposes to: its parent, or — when that unit has ended (the districts on
 * 01/07/2025, merged provinces) — the unit it merged into, else its own parent, and so on.
 * `note` says, in Vietnamese, why the addressee is not the direct parent.
 */
export async function higherLevelFor(db: Db, communeId: string, now = new Date()): Promise<HigherLevel> {
  const commune = await db.orgUnit.findUnique({ where: { id: communeId }, select: { parent: { select: unitSelect } } });
  let unit: UnitRow | null = commune?.parent ?? null;
  if (!unit) return { ok: false, message: "Đơn vị chưa có cơ quan cấp trên trong cây đơn vị; vui lòng nhờ quản trị hệ thống cập nhật." };
  const notes: string[] = [];
  for (let hops = 0; hops < 10; hops++) {
    if (!unit.endedAt || unit.endedAt.getTime() > now.getTime()) {
      return {
        ok: true,
        unit: { id: unit.id, name: unit.name },
        note: notes.length > 0 ? `${notes.join("; ")}. Hồ sơ được đề nghị lên ${unit.name}.` : null,
      };
    }
    const ended = formatDate(unit.endedAt);
    const nextId: string | null = unit.mergedIntoId ?? unit.parentId;
    const next: UnitRow | null = nextId ? await db.orgUnit.findUnique({ where: { id: nextId }, select: unitSelect }) : null;
    if (!next)
      return {
        ok: false,
        message: `${unit.name} đã kết thúc hoạt động từ ngày ${ended} và chưa có đơn vị kế thừa trong cây đơn vị; vui lòng nhờ quản trị hệ thống cập nhật.`,
      };
    notes.push(
      unit.mergedIntoId
        ? `${unit.name} đã hợp nhất vào ${next.name} từ ngày ${ended}`
        : `${unit.name} đã kết thúc hoạt động từ ngày ${ended}${unit.kind === "district" ? " (không còn cấp huyện)" : ""}, cấp trên tiếp theo là ${next.name}`,
    );
    unit = next;
  }
  return { ok: false, message: "Cây đơn vị có vòng lặp khi tìm cơ quan cấp trên; vui lòng nhờ quản trị hệ thống kiểm tra." };
}

// ─── Proposing ──────────────────────────────────────────────────────────────

function scopeWhere(user: CurrentUser): Prisma.DossierWhereInput {
  return { movement: { unitId: { in: unitsWhereRole(user, "chairman", "secretary") } } };
}

/** Dossiers the chairman or secretary may propose upward, with where they would go. */
export async function listEscalatable(user: CurrentUser, now = new Date()) {
  const dossiers = await prisma.dossier.findMany({
    where: { AND: [scopeWhere(user), { state: { in: [...ESCALATABLE] } }] },
    orderBy: { updatedAt: "desc" },
    take: 200,
    select: {
      id: true,
      state: true,
      version: true,
      kind: true,
      nominee: { select: { name: true, position: true } },
      unit: { select: { name: true } },
      movement: { select: { id: true, title: true, year: true, unitId: true } },
      decisionEntry: { select: { decision: { select: { id: true, number: true } } } },
    },
  });
  const targets = new Map<string, HigherLevel>();
  for (const unitId of new Set(dossiers.map((d) => d.movement.unitId))) targets.set(unitId, await higherLevelFor(prisma, unitId, now));
  return dossiers.map((d) => ({ ...d, target: targets.get(d.movement.unitId)! }));
}

export function listEscalations(user: CurrentUser) {
  return prisma.escalation.findMany({
    where: { fromUnitId: { in: unitsWhereRole(user, "chairman", "secretary", "vice_chairman") } },
    orderBy: { proposedAt: "desc" },
    take: 200,
    select: {
      id: true,
      dossierId: true,
      number: true,
      proposedAt: true,
      routingNote: true,
      manifestSha256: true,
      toUnit: { select: { name: true } },
      dossier: { select: { nominee: { select: { name: true } }, movement: { select: { title: true, year: true } } } },
    },
  });
}

/**
 * Records the commune's Tờ trình (numbered "…/TTr-UBND", gap-free) and moves the dossier to
 * `forwarded` (FORWARD_UP, audited) in one transaction; then builds the package once to keep the
 * SHA-256 of its manifest, so what was sent can be checked later against a rebuilt one.
 */
export async function escalateDossier(
  user: CurrentUser,
  dossierId: string,
  { expectedVersion, now = new Date() }: { expectedVersion?: number; now?: Date } = {},
): Promise<Result<{ escalationId: string; number: string; toUnitName: string; note: string | null }>> {
  const dossier = await prisma.dossier.findFirst({
    where: { AND: [{ id: dossierId }, scopeWhere(user)] },
    select: { id: true, state: true, movement: { select: { unitId: true } } },
  });
  if (!dossier) return refuse(404, "Không tìm thấy hồ sơ.");
  if (!(ESCALATABLE as readonly string[]).includes(dossier.state)) {
    return refuse(422, "Chỉ đề nghị cấp trên khen thưởng cho hồ sơ đã được Chủ tịch UBND xã phê duyệt hoặc đã được tặng Giấy khen.");
  }
  const target = await higherLevelFor(prisma, dossier.movement.unitId, now);
  if (!target.ok) return refuse(422, target.message);
  const actor = await actorFor(user);
  const unitId = dossier.movement.unitId;

  const result = await attempt(() =>
    prisma.$transaction(
      async (tx) => {
        const isChairman = user.grants.some((grant) => grant.role === "chairman" && grant.unitId === unitId);
        const signer = isChairman
          ? { fullName: user.fullName }
          : await tx.user.findFirst({
              where: { active: true, roles: { some: { role: "chairman", unitId } } },
              orderBy: { createdAt: "asc" },
              select: { fullName: true },
            });
        if (!signer) throw new Refusal(422, "Xã chưa có Chủ tịch UBND trong hệ thống để ký Tờ trình.");
        const year = vietnamYear(now);
        const sequence = await nextNumber(tx, unitId, year, PROPOSAL_SERIES);
        const number = documentNumber(sequence, PROPOSAL_SERIES);
        const escalation = await tx.escalation.create({
          data: {
            dossierId: dossier.id,
            fromUnitId: unitId,
            toUnitId: target.unit.id,
            routingNote: target.note,
            year,
            sequence,
            number,
            proposedAt: now,
            proposedById: user.id,
            signerName: signer.fullName,
            signerTitle: "CHỦ TỊCH",
          },
          select: { id: true },
        });
        const sent = await applyDossierEvent(tx, {
          dossierId: dossier.id,
          actor,
          command: { type: "FORWARD_UP", toUnitId: target.unit.id },
          expectedVersion,
          now,
        });
        if (!sent.ok) throw new Refusal(sent.status, sent.message);
        await appendAudit(
          tx,
          {
            chainId: unitId,
            actorId: user.id,
            actorName: user.fullName,
            action: "escalation.CREATE",
            entityType: "Escalation",
            entityId: escalation.id,
            data: { dossierId: dossier.id, number, toUnitId: target.unit.id, toUnit: target.unit.name, routingNote: target.note },
          },
          now,
        );
        return { ok: true as const, escalationId: escalation.id, number, toUnitName: target.unit.name, note: target.note };
      },
      { timeout: 30_000 },
    ),
  );
  if (!result.ok) return result;

  // After commit: the package reads through the shared client (PGlite: never inside the transaction).
  const pack = await buildEscalationPackage(user, dossier.id);
  if (pack) {
    await prisma.escalation.updateMany({
      where: { id: result.escalationId, manifestSha256: null },
      data: { manifestSha256: pack.manifestSha256 },
    });
    await prisma.$transaction((tx) =>
      appendAudit(tx, {
        chainId: unitId,
        actorId: user.id,
        actorName: user.fullName,
        action: "escalation.PACKAGE",
        entityType: "Escalation",
        entityId: result.escalationId,
        data: { manifestSha256: pack.manifestSha256, files: pack.manifest.files.length },
      }),
    );
  }
  return result;
}

// ─── The package ────────────────────────────────────────────────────────────

export type ManifestFile = { path: string; title: string; mimeType: string; size: number; sha256: string };

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** "bien-ban.pdf" → "bien-ban.pdf", keeping names readable but safe inside a ZIP. */
function safeName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is replaced
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, "_").slice(0, 150) || "tep";
}

/**
 * The ZIP of an escalated dossier, rebuilt from the database: the same rows give the same bytes
 * (fixed dates in the PDFs and the ZIP), so it can be checked against the stored manifest hash.
 */
export async function buildEscalationPackage(user: CurrentUser, dossierId: string) {
  const escalation = await prisma.escalation.findFirst({
    where: { dossierId, fromUnitId: { in: unitsWhereRole(user, "chairman", "secretary", "vice_chairman") } },
    select: {
      id: true,
      number: true,
      proposedAt: true,
      routingNote: true,
      signerName: true,
      signerTitle: true,
      onBehalf: true,
      manifestSha256: true,
      fromUnit: { select: { id: true, name: true, placeName: true, authorityName: true } },
      toUnit: { select: { id: true, name: true, authorityName: true } },
    },
  });
  if (!escalation) return null;
  const dossier = await loadDossier(user, dossierId);
  if (!dossier) return null;
  const extra = await prisma.dossier.findUniqueOrThrow({
    where: { id: dossierId },
    select: {
      kind: true,
      movement: { select: { legalBasis: true } },
      sessions: {
        where: { session: { state: "closed" } },
        orderBy: { session: { closedAt: "asc" } },
        select: { passed: true, session: { select: { id: true, closedAt: true, closesAt: true } } },
      },
      decisionEntry: { select: { decisionId: true, detail: true } },
      certificate: { select: { serial: true, goldenBookNumber: true, revokedAt: true } },
      attachments: {
        where: { supersededAt: null },
        orderBy: { createdAt: "asc" },
        select: { id: true, kind: true, fileName: true, mimeType: true, size: true, sha256: true },
      },
    },
  });
  const decision = extra.decisionEntry ? await loadDecision(user, extra.decisionEntry.decisionId) : null;

  const files: Array<{ path: string; title: string; mimeType: string; bytes: Uint8Array }> = [];
  const missing: Array<{ fileName: string; sha256: string; reason: string }> = [];
  const pdf = (path: string, title: string, bytes: Uint8Array) => files.push({ path, title, mimeType: "application/pdf", bytes });

  const nomineeLine =
    dossier.nominee.kind === "individual"
      ? `ông (bà) ${dossier.nominee.name}${extra.decisionEntry?.detail ? `, ${extra.decisionEntry.detail}` : dossier.nominee.position ? `, ${dossier.nominee.position}` : ""}`
      : `${NOMINEE_KIND_LABELS[dossier.nominee.kind]} ${dossier.nominee.name}`;
  const enclosures = [
    `Tờ trình đề nghị khen thưởng của ${dossier.unit.name}`,
    `Biên bản họp Hội đồng Thi đua - Khen thưởng của ${dossier.unit.name}`,
    `Báo cáo thành tích của ${dossier.nominee.name}`,
    ...(extra.sessions.length > 0 ? ["Biên bản họp Hội đồng Thi đua - Khen thưởng xã"] : []),
    ...(decision
      ? [`Quyết định số ${decision.number} của Chủ tịch Ủy ban nhân dân ${localityOf(documentUnitName(escalation.fromUnit))}`]
      : []),
    ...(extra.attachments.length > 0 ? [`Tài liệu đính kèm (${extra.attachments.length} tệp)`] : []),
  ];
  const proposal: EscalationDocument = {
    number: escalation.number,
    proposedAt: escalation.proposedAt,
    fromUnitName: documentUnitName(escalation.fromUnit),
    place: escalation.fromUnit.placeName ?? localityOf(documentUnitName(escalation.fromUnit)),
    toUnitName: documentUnitName(escalation.toUnit),
    routingNote: escalation.routingNote,
    nomineeLine,
    movement: { title: dossier.movement.title, year: dossier.movement.year, legalBasis: extra.movement.legalBasis },
    decision: decision ? { number: decision.number, decidedAt: decision.decidedAt } : null,
    councilMeetings: extra.sessions.filter((s) => s.passed).map((s) => s.session.closedAt ?? s.session.closesAt),
    enclosures,
    signerName: escalation.signerName,
    signerTitle: escalation.signerTitle,
    onBehalf: escalation.onBehalf,
  };
  pdf(
    "01-to-trinh-de-nghi-cap-tren.pdf",
    `Tờ trình số ${escalation.number} của ${escalation.fromUnit.name}`,
    await escalationProposalPdf(proposal),
  );
  pdf("02-to-trinh-cua-don-vi.pdf", `Tờ trình đề nghị khen thưởng của ${dossier.unit.name}`, await proposalPdf(dossier));
  pdf("03-bien-ban-hop-don-vi.pdf", `Biên bản họp Hội đồng TĐKT của ${dossier.unit.name}`, await unitMinutesPdf(dossier));
  pdf("04-bao-cao-thanh-tich.pdf", `Báo cáo thành tích của ${dossier.nominee.name}`, await achievementReportPdf(dossier));
  let n = 0;
  for (const item of extra.sessions) {
    const minutes = await loadMinutes(item.session.id, [escalation.fromUnit.id]);
    if (!minutes) continue;
    n++;
    pdf(
      `05-bien-ban-hop-hoi-dong-xa${extra.sessions.length > 1 ? `-${n}` : ""}.pdf`,
      `Biên bản họp Hội đồng TĐKT xã ngày ${formatDate(item.session.closedAt ?? item.session.closesAt)}`,
      await councilMinutesPdf(minutes),
    );
  }
  if (decision) {
    // The digitally signed file as it was signed (decisions signed before that: rendered anew).
    const signed = await storedDecisionPdf(decision.id);
    pdf(
      "06-quyet-dinh-khen-thuong.pdf",
      `Quyết định số ${decision.number}`,
      signed ?? (await awardDecisionPdf(decisionDocument(decision))),
    );
  }
  for (const [i, attachment] of extra.attachments.entries()) {
    try {
      const bytes = await readContent(prisma, attachment.sha256);
      if (!bytes) throw new Error("missing");
      if (sha256(bytes) !== attachment.sha256) throw new Error("checksum");
      files.push({
        path: `tep-dinh-kem/${String(i + 1).padStart(2, "0")}-${safeName(attachment.fileName)}`,
        title: attachment.fileName,
        mimeType: attachment.mimeType,
        bytes,
      });
    } catch (error) {
      missing.push({
        fileName: attachment.fileName,
        sha256: attachment.sha256,
        reason:
          error instanceof Error && error.message === "checksum"
            ? "Nội dung tệp không khớp mã băm đã lưu"
            : "Không tìm thấy nội dung tệp trong cơ sở dữ liệu",
      });
    }
  }

  const listed: ManifestFile[] = files.map((file) => ({
    path: file.path,
    title: file.title,
    mimeType: file.mimeType,
    size: file.bytes.byteLength,
    sha256: sha256(file.bytes),
  }));
  const manifest = {
    format: "thi-dua-khen-thuong/de-nghi-cap-tren",
    version: 1,
    createdAt: escalation.proposedAt.toISOString(),
    escalation: {
      number: escalation.number,
      date: escalation.proposedAt.toISOString(),
      from: { id: escalation.fromUnit.id, name: escalation.fromUnit.name },
      to: { id: escalation.toUnit.id, name: escalation.toUnit.name },
      routingNote: escalation.routingNote,
      signer: { name: escalation.signerName, title: escalation.signerTitle, onBehalf: escalation.onBehalf },
    },
    dossier: {
      id: dossier.id,
      state: dossier.state,
      awardForm: AWARD_FORM_LABELS[dossier.awardForm],
      unit: dossier.unit.name,
      movement: { id: dossier.movement.id, title: dossier.movement.title, year: dossier.movement.year },
    },
    nominee: {
      name: dossier.nominee.name,
      kind: NOMINEE_KIND_LABELS[dossier.nominee.kind],
      subjectKind: SUBJECT_KIND_LABELS[dossier.nominee.subjectKind],
      position: dossier.nominee.position,
    },
    decision: decision
      ? {
          id: decision.id,
          number: decision.number,
          date: decision.decidedAt.toISOString(),
          signer: `${decision.onBehalf ? "KT. CHỦ TỊCH / " : ""}${decision.signerTitle} ${decision.signerName}`,
        }
      : null,
    certificate: extra.certificate
      ? {
          serial: extra.certificate.serial,
          goldenBookNumber: extra.certificate.goldenBookNumber,
          verifyUrl: verifyUrl(extra.certificate.serial),
          revoked: extra.certificate.revokedAt !== null,
        }
      : null,
    files: listed,
    missingFiles: missing,
  };
  const manifestBytes = new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);

  const zip = new JSZip();
  const date = escalation.proposedAt;
  // No folder entries (JSZip would date them "now") and fixed dates: the same package gives the same bytes.
  // PDFs are stored as they are (their streams are compressed already); the rest is deflated.
  for (const file of files) {
    zip.file(file.path, file.bytes, {
      date,
      binary: true,
      createFolders: false,
      compression: file.mimeType === "application/pdf" ? "STORE" : "DEFLATE",
    });
  }
  zip.file("manifest.json", manifestBytes, { date, binary: true, createFolders: false, compression: "DEFLATE" });
  const bytes = await zip.generateAsync({ type: "uint8array", platform: "UNIX" });
  return {
    bytes,
    manifest,
    manifestSha256: sha256(manifestBytes),
    storedManifestSha256: escalation.manifestSha256,
    fileName: `de-nghi-cap-tren-${escalation.number.replace(/\//g, "-")}.zip`,
  };
}
