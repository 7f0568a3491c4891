// npx tsx bench/pdf-sizes.ts: the size in bytes of each document the product makes, on an in-memory database
// built with the test factories (a council minutes, a decision, one certificate, a batch of 100, the ZIP sent up).
// Sizes only, no timing: the figures go into bench/RESULTS.md.
process.env.TEST_DB ??= "pglite";
process.env.DATA_DIR ??= "memory://";

const { createTestDatabase } = await import("../test/support/database.ts");
const {
  approvedDossiers,
  createCommuneWithStaff,
  createCouncil,
  createDossierAt,
  createMovement,
  createUnit,
  currentUser,
  requestAs,
  signAsChairman,
} = await import("../test/support/factories.ts");
const { prisma } = await import("~/utils/db.server.ts");
const { castBallot, closeVotingSession, openVotingSession, secretaryCloser } = await import("~/models/voting.server.ts");
const { loadMinutes } = await import("~/models/council-minutes.server.ts");
const { councilMinutesPdf } = await import("~/documents/council-minutes.server.ts");
const { actorFor, sendDossierEvent } = await import("~/models/dossier.server.ts");
const { issueCertificates, decisionCertificates, faceOf } = await import("~/models/certificate.server.ts");
const { certificatesPdf } = await import("~/documents/certificate.server.ts");

const db = await createTestDatabase();
const sizes: Array<[string, number]> = [];
try {
  const city = await createUnit({ name: "UBND Thành phố Hồ Chí Minh", kind: "province", placeName: "Thành phố Hồ Chí Minh" });
  const staff = await createCommuneWithStaff("UBND xã Tam Phước");
  await prisma.orgUnit.update({
    where: { id: staff.commune.id },
    data: { parentId: city.id, ancestorIds: [city.id], placeName: "Tam Phước" },
  });
  const council = await createCouncil(staff, 7);
  const movement = await createMovement(staff.commune.id, { quota: null });
  const chairman = await currentUser(staff.chairman.id);

  // A session on three dossiers, all passed, approved, decided, awarded.
  const dossierIds: string[] = [];
  for (const name of ["Trần Văn Thành", "Nguyễn Thị Hoa", "Lê Minh Tâm"])
    dossierIds.push(await createDossierAt(staff, movement.id, "screened", { name }));
  const opened = await openVotingSession(await currentUser(staff.secretary.id), {
    movementId: movement.id,
    dossierIds,
    closesAt: new Date(Date.now() + 3600_000),
  });
  if (!opened.ok) throw new Error(opened.message);
  for (const dossierId of dossierIds)
    for (const userId of council.memberIds) await castBallot({ id: userId }, { sessionId: opened.sessionId, dossierId, choice: "agree" });
  const closed = await closeVotingSession(await secretaryCloser(await currentUser(staff.secretary.id)), opened.sessionId);
  if (!closed.ok) throw new Error(closed.message);
  sizes.push(["Biên bản họp Hội đồng (3 hồ sơ)", (await councilMinutesPdf((await loadMinutes(opened.sessionId, "all"))!)).byteLength]);

  for (const dossierId of dossierIds) await sendDossierEvent({ dossierId, actor: await actorFor(chairman), command: { type: "APPROVE" } });
  const { decisionId } = await signAsChairman(staff, movement.id);
  const context = { clientIp: "bench" };
  const decisionRoute = await import("~/routes/quyet-dinh.$decisionId.quyet-dinh[.]pdf.tsx");
  const decisionPdf = await decisionRoute.loader({
    request: await requestAs(staff.chairman.id, `/quyet-dinh/${decisionId}/quyet-dinh.pdf`),
    params: { decisionId },
    context,
  });
  sizes.push(["Quyết định khen thưởng (3 người)", (await decisionPdf.arrayBuffer()).byteLength]);
  const issued = await issueCertificates(chairman, decisionId);
  if (!issued.ok) throw new Error(issued.message);
  const faces = (await decisionCertificates(chairman, decisionId))!.certificates.map(faceOf);
  sizes.push(["Giấy khen (1 bản)", (await certificatesPdf([faces[0]!])).byteLength]);

  const escalation = await import("~/routes/phe-duyet.de-nghi-cap-tren.tsx");
  const version = (await prisma.dossier.findUniqueOrThrow({ where: { id: dossierIds[0]! } })).version;
  await escalation.action({
    request: await requestAs(staff.secretary.id, "/phe-duyet/de-nghi-cap-tren", {
      method: "POST",
      body: new URLSearchParams({ dossierId: dossierIds[0]!, version: String(version) }),
    }),
    params: {},
    context,
  });
  const zipRoute = await import("~/routes/ho-so.$dossierId.de-nghi-cap-tren[.]zip.tsx");
  const zip = await zipRoute.loader({
    request: await requestAs(staff.chairman.id, `/ho-so/${dossierIds[0]}/de-nghi-cap-tren.zip`),
    params: { dossierId: dossierIds[0]! },
    context,
  });
  sizes.push(["Gói đề nghị cấp trên (ZIP, 1 hồ sơ)", (await (zip as Response).arrayBuffer()).byteLength]);

  const batch = await createMovement(staff.commune.id, { quota: null });
  await approvedDossiers(
    staff,
    batch.id,
    100,
    Array.from({ length: 100 }, (_, i) => `Người được khen ${i + 1}`),
  );
  const batchDecision = await signAsChairman(staff, batch.id);
  await issueCertificates(chairman, batchDecision.decisionId);
  const batchFaces = (await decisionCertificates(chairman, batchDecision.decisionId))!.certificates.map(faceOf);
  sizes.push(["Giấy khen (100 bản, một tệp)", (await certificatesPdf(batchFaces)).byteLength]);
} finally {
  await db.destroy();
}
for (const [label, bytes] of sizes) console.log(`| ${label} | ${(bytes / 1024).toFixed(0)} kB |`);
export {};
