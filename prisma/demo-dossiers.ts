// Demo nominations for the 2023 movement, made the way users make them: through the same model
// functions the pages call (documents, figures, the signed scan, the workflow events), so the demo
// has a real audit trail and every state a user should see on day one.
import { PdfWriter, renderPdf } from "~/utils/pdf.server.ts";
import { actorFor, createDossier, sendDossierEvent } from "~/models/dossier.server.ts";
import { saveDocument } from "~/models/dossier-documents.server.ts";
import { currentUserById, type CurrentUser } from "~/utils/auth.server.ts";
import type { SubjectKind } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";

type Nomination = {
  official: string;
  name: string;
  subjectKind: SubjectKind;
  position: string;
  sex: "male" | "female";
  birthDate: string;
  /** Figures by target metric; a missing optional target is declared "không phát sinh". */
  figures: Record<string, number>;
  results: string;
  until: "draft" | "submitted" | "screened";
};

// Figures in the range of the indicators of the other seeds (TTHC on time, online services …).
const NOMINATIONS: Nomination[] = [
  {
    official: "canbo.tuphap",
    name: "Nguyễn Thị Hồng Nhung",
    subjectKind: "civil_servant",
    position: "Công chức Tư pháp - Hộ tịch",
    sex: "female",
    birthDate: "1988-03-14",
    figures: {
      admin_orders_on_time_rate: 98.5,
      coordination_on_time_rate: 100,
      procedures_on_time_rate: 99.6,
      procedure_time_reduction_rate: 38,
      rules_compliance_rate: 100,
      online_services_rate: 86.5,
    },
    results: "Giải quyết 1.248 hồ sơ hộ tịch, trong đó 1.243 hồ sơ đúng hạn (99,6%); 86,5% hồ sơ qua dịch vụ công trực tuyến.",
    until: "screened",
  },
  {
    official: "canbo.diachinh",
    name: "Lâm Văn Tài",
    subjectKind: "unit_head",
    position: "Phụ trách Bộ phận Địa chính - Xây dựng",
    sex: "male",
    birthDate: "1979-09-02",
    figures: {
      admin_orders_on_time_rate: 96,
      coordination_on_time_rate: 100,
      procedures_on_time_rate: 99.1,
      procedure_time_reduction_rate: 35,
      rules_compliance_rate: 100,
      disciplined_staff: 0,
      online_services_rate: 76.2,
    },
    results:
      "Giải quyết 412 hồ sơ đất đai, xây dựng, 408 hồ sơ đúng hạn (99,1%); tỷ lệ hồ sơ trực tuyến 76,2% do nhiều thủ tục chưa đủ điều kiện trực tuyến toàn trình.",
    until: "screened",
  },
  {
    official: "canbo.tuphap",
    name: "Trịnh Thị Kim Oanh",
    subjectKind: "part_time_worker",
    position: "Người hoạt động không chuyên trách, Bộ phận Một cửa",
    sex: "female",
    birthDate: "1994-12-20",
    figures: {
      admin_orders_on_time_rate: 100,
      coordination_on_time_rate: 100,
      procedures_on_time_rate: 100,
      procedure_time_reduction_rate: 40,
      rules_compliance_rate: 100,
      online_services_rate: 91.3,
    },
    results: "Tiếp nhận, trả kết quả 2.130 hồ sơ, 100% đúng hạn; hướng dẫn 1.945 lượt người dân nộp hồ sơ trực tuyến (91,3%).",
    until: "submitted",
  },
  {
    official: "canbo.tuphap",
    name: "Võ Thành Danh",
    subjectKind: "civil_servant",
    position: "Công chức Văn hóa - Xã hội",
    sex: "male",
    birthDate: "1990-06-08",
    figures: {},
    results: "",
    until: "draft",
  },
];

/** A one-page PDF standing in for the signed scan of a unit's minutes; made once per unit (fonts make it slow). */
const scans = new Map<string, Promise<Uint8Array>>();
function scanOf(unitName: string): Promise<Uint8Array> {
  let scan = scans.get(unitName);
  if (!scan) scans.set(unitName, (scan = renderScan(unitName)));
  return scan;
}

function renderScan(unitName: string): Promise<Uint8Array> {
  return renderPdf("Biên bản họp (bản scan mẫu)", (doc, fonts) => {
    const w = new PdfWriter(doc, fonts);
    w.text("BẢN SCAN MẪU — dữ liệu trình diễn", { font: "bold", align: "center" });
    w.text(`Biên bản họp Hội đồng Thi đua – Khen thưởng của ${unitName}, có chữ ký của chủ trì và thư ký.`, { align: "center" });
  });
}

async function nominate(movementId: string, nomination: Nomination, secretary: CurrentUser, now: Date) {
  const official = (await currentUserById((await prisma.user.findUniqueOrThrow({ where: { username: nomination.official } })).id))!;
  const unitId = official.grants.find((grant) => grant.role === "official")!.unitId;
  const created = await createDossier(
    official,
    {
      movementId,
      unitId,
      // The nominee is chosen from the commune's register (prisma/seed.ts DEMO_PEOPLE).
      nominee: {
        kind: "individual",
        subjectKind: nomination.subjectKind,
        personId: (await prisma.person.findFirstOrThrow({ where: { fullName: nomination.name }, select: { id: true } })).id,
        position: nomination.position,
      },
    },
    now,
  );
  if (!created.ok) throw new Error(`Demo dossier for ${nomination.name}: ${created.message}`);
  const dossierId = created.dossierId;
  const unitName = official.grants.find((grant) => grant.role === "official")!.unitName;
  const today = now.toISOString().slice(0, 10);

  await saveDocument({
    user: official,
    dossierId,
    kind: "proposal",
    complete: nomination.until !== "draft",
    data: {
      number: `0${NOMINATIONS.indexOf(nomination) + 1}/TTr-${nomination.official === "canbo.tuphap" ? "TP" : "ĐC"}`,
      date: today,
      submittingUnit: unitName,
      addressee: "Chủ tịch UBND xã Tam Phước",
      reasons: `Căn cứ Kế hoạch phát động phong trào thi đua năm 2023 của UBND xã, ${unitName} đề nghị khen thưởng cá nhân có thành tích xuất sắc trong thực hiện nhiệm vụ cải cách hành chính.`,
      nominees: [{ name: nomination.name, position: nomination.position, awardForm: "commune_chairman_certificate" }],
    },
    now,
  });
  if (nomination.until === "draft") return dossierId;

  const scan = new Uint8Array(await scanOf(unitName));
  await saveDocument({
    user: official,
    dossierId,
    kind: "unit_minutes",
    complete: true,
    data: {
      date: today,
      place: "Phòng họp UBND xã Tam Phước",
      chair: official.fullName,
      secretary: "Lê Thị Thu",
      present: 5,
      total: 5,
      votes: [{ nominee: nomination.name, agree: 5, total: 5 }],
      conclusion: `Thống nhất đề nghị Chủ tịch UBND xã tặng Giấy khen cho ${nomination.name}.`,
    },
    scan: {
      file: { fileName: "bien-ban-hop-don-vi.pdf", mimeType: "application/pdf", type: "pdf", bytes: scan, size: scan.byteLength },
    },
    now,
  });

  const targets = await prisma.target.findMany({ where: { movementId }, orderBy: { position: "asc" } });
  const applicable = targets.filter((t) => t.appliesTo.length === 0 || t.appliesTo.includes(nomination.subjectKind));
  const figures = applicable.map((target) => {
    const value = nomination.figures[target.metric];
    return { targetId: target.id, value: value ?? null, notApplicable: value === undefined && target.optional };
  });
  await saveDocument({
    user: official,
    dossierId,
    kind: "achievement_report",
    complete: true,
    data: {
      fullName: nomination.name,
      birthDate: nomination.birthDate,
      sex: nomination.sex,
      position: nomination.position,
      unitName,
      duties: `${nomination.position}: tham mưu, giải quyết thủ tục hành chính thuộc lĩnh vực được phân công.`,
      results: nomination.results,
      solutions: "Niêm yết công khai thủ tục, hướng dẫn người dân nộp hồ sơ trực tuyến tại Bộ phận Một cửa.",
      initiatives: "Lập nhóm Zalo hướng dẫn dịch vụ công trực tuyến cho từng ấp.",
      headName: official.fullName,
      headTitle: "Phụ trách bộ phận",
      confirmedOn: today,
      figures: Object.fromEntries(
        figures.map((f) => [f.targetId, f.notApplicable ? { notApplicable: true } : { value: f.value ?? undefined }]),
      ),
    },
    figures,
    now,
  });

  const submit = await sendDossierEvent({ dossierId, actor: await actorFor(official), command: { type: "SUBMIT" }, now });
  if (!submit.ok) throw new Error(`Demo dossier for ${nomination.name}: ${submit.message}`);
  if (nomination.until === "screened") {
    const accept = await sendDossierEvent({ dossierId, actor: await actorFor(secretary), command: { type: "ACCEPT_SCREENING" }, now });
    if (!accept.ok) throw new Error(`Demo dossier for ${nomination.name}: ${accept.message}`);
  }
  return dossierId;
}

/** Loads the demo nominations when the demo movement has none. */
export async function seedDemoDossiers(now = new Date()): Promise<number> {
  const movement = await prisma.movement.findFirst({
    where: { unit: { code: "xa-tam-phuoc" }, year: 2023 },
    select: { id: true, _count: { select: { dossiers: true } } },
  });
  if (!movement || movement._count.dossiers > 0) return 0;
  const secretary = (await currentUserById((await prisma.user.findUniqueOrThrow({ where: { username: "vanphong" } })).id))!;
  for (const nomination of NOMINATIONS) await nominate(movement.id, nomination, secretary, now);
  return NOMINATIONS.length;
}
