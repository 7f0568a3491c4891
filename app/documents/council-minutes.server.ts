// Biên bản họp Hội đồng TĐKT xã as a PDF, generated from a closed voting session: the same data always
// gives the same PDF, so it can be printed, signed and compared with the system years later.
import type { PDFDocument } from "pdf-lib";
import { COUNCIL_POSITION_LABELS, NOMINEE_KIND_LABELS, evaluateTally, percent } from "#machines/index.ts";
import { attendance, ballotFigures, type Minutes } from "~/models/council-minutes.server.ts";
import { formatDateTime } from "~/utils/format.ts";
import { MM, PdfWriter, renderPdf, type Fonts } from "~/utils/pdf.server.ts";
import { count, placeDate, upperVi } from "./wording.server.ts";

export function councilMinutesPdf(minutes: Minutes): Promise<Uint8Array> {
  return renderPdf(`Biên bản họp Hội đồng TĐKT — ${minutes.title}`, (doc, fonts) => drawMinutes(doc, fonts, minutes));
}

function drawMinutes(doc: PDFDocument, fonts: Fonts, minutes: Minutes): void {
  const w = new PdfWriter(doc, fonts);
  const paper = minutes.mode === "paper";
  const commune = minutes.movement.unit;
  const place = commune.placeName ?? commune.name;
  const chair = minutes.members.find((m) => m.position === "chair");
  const secretary = minutes.members.find((m) => m.position === "standing_member");
  const closedAt = minutes.closedAt ?? minutes.closesAt;
  // On paper the meeting is held at the session's time; online the ballot ran until it closed.
  const heldAt = paper ? minutes.closesAt : closedAt;

  w.columns([
    {
      width: w.width * 0.45,
      lines: [
        { text: upperVi(commune.name), style: { size: 11 } },
        { text: "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", style: { font: "bold", size: 11 }, underline: true },
        { text: " ", style: { size: 6 } },
        // Given once when the session closed, from the commune's counter (MINUTES_SERIES).
        { text: minutes.minutesNumber ? `Số: ${minutes.minutesNumber}` : "Số: …/BB-HĐTĐKT", style: { size: 12 } },
      ],
    },
    {
      width: w.width * 0.55,
      lines: [
        { text: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", style: { font: "bold", size: 12 } },
        { text: "Độc lập - Tự do - Hạnh phúc", style: { font: "bold", size: 13 }, underline: true },
        { text: " ", style: { size: 6 } },
        { text: placeDate(place, heldAt), style: { font: "italic", size: 12 } },
      ],
    },
  ]);
  w.gap(6);
  w.text("BIÊN BẢN", { font: "bold", size: 14, align: "center" });
  w.text(`Họp ${minutes.council.name}`, { font: "bold", align: "center" });
  w.text(`xét đề nghị khen thưởng phong trào thi đua “${minutes.movement.title}” năm ${minutes.movement.year}`, {
    font: "bold",
    align: "center",
  });
  w.gap(5);

  w.heading("I. THỜI GIAN, ĐỊA ĐIỂM, HÌNH THỨC BIỂU QUYẾT");
  if (paper) {
    w.text(`Thời gian: ${formatDateTime(minutes.closesAt)}.`);
    w.text(`Địa điểm: ${minutes.place}.`);
    w.text("Hình thức biểu quyết: bỏ phiếu kín bằng phiếu giấy tại cuộc họp; Thư ký kiểm phiếu, Chủ tịch Hội đồng xác nhận kết quả.");
  } else {
    w.text(
      `Thời gian: phiên biểu quyết trực tuyến mở lúc ${formatDateTime(minutes.openedAt)}, kết thúc bỏ phiếu lúc ${formatDateTime(closedAt)}.`,
    );
    w.text(`Địa điểm: ${minutes.place}.`);
    w.text("Hình thức biểu quyết: bỏ phiếu kín trực tuyến trên phần mềm Thi đua – Khen thưởng.");
  }
  w.gap(3);

  w.heading("II. THÀNH PHẦN");
  if (chair) w.text(`Chủ trì: ${chair.fullName} – ${COUNCIL_POSITION_LABELS.chair}.`);
  if (secretary) w.text(`Thư ký: ${secretary.fullName} – ${COUNCIL_POSITION_LABELS.standing_member}.`);
  const people = attendance(minutes);
  const present = people.filter((p) => p.present).length;
  const recused = people.filter((p) => p.recusedOn > 0).length;
  w.text(
    `Tổng số thành viên Hội đồng: ${people.length}; có mặt${paper ? "" : " (đã bỏ phiếu)"}: ${present}; vắng mặt${paper ? "" : " (không bỏ phiếu)"}: ${people.length - present}` +
      `${recused > 0 ? `; không tham gia biểu quyết một số hồ sơ: ${recused}` : ""}.`,
  );
  w.gap(2);
  w.table(
    [
      { title: "STT", width: 9, align: "center" },
      { title: "Họ và tên", width: 38 },
      { title: "Chức danh trong Hội đồng", width: 38 },
      { title: "Có mặt / vắng mặt", width: 24, align: "center" },
      { title: "Tham gia biểu quyết", width: 58 },
    ],
    people.map((p, i) => [String(i + 1), p.fullName, [p.positionLabel, p.title].filter(Boolean).join(", "), p.presence, p.status]),
    11,
  );
  w.gap(4);

  w.heading("III. NỘI DUNG CUỘC HỌP");
  const agenda = [
    `Thư ký Hội đồng báo cáo danh sách ${count(minutes.dossiers.length, "hồ sơ")} đề nghị khen thưởng đã được thẩm định: ${minutes.dossiers
      .map((item) => item.dossier.nominee.name)
      .join("; ")}.`,
    "Hội đồng thông qua nguyên tắc biểu quyết và danh sách thành viên không tham gia biểu quyết từng hồ sơ.",
    paper
      ? "Hội đồng biểu quyết bằng phiếu kín (phiếu giấy); Thư ký kiểm phiếu và công bố kết quả."
      : "Thành viên Hội đồng bỏ phiếu kín trực tuyến; phần mềm kiểm phiếu khi kết thúc phiên.",
    "Hội đồng kết luận và thông qua biên bản.",
  ];
  agenda.forEach((line, i) => w.text(`${i + 1}. ${line}`));
  w.gap(3);

  const rules = `${minutes.quorumNum}/${minutes.quorumDen}`;
  const threshold = percent(minutes.thresholdNum, minutes.thresholdDen);
  w.heading("IV. NGUYÊN TẮC BIỂU QUYẾT");
  w.text(
    `Hội đồng biểu quyết bằng hình thức bỏ phiếu kín. Việc biểu quyết hợp lệ khi có ít nhất ${rules} số thành viên có quyền biểu quyết tham gia; ` +
      `hồ sơ được đề nghị khen thưởng khi có từ ${threshold} số thành viên có quyền biểu quyết đồng ý. Thành viên là người được đề nghị khen thưởng ` +
      `hoặc là người đứng đầu đơn vị của người được đề nghị không tham gia biểu quyết hồ sơ đó.`,
  );
  w.gap(3);

  w.heading("V. KẾT QUẢ BIỂU QUYẾT");
  const rows = minutes.dossiers.map((item, i) => {
    const figures = ballotFigures(minutes, item);
    const outcome = evaluateTally({
      members: figures.entitled,
      voted: figures.returned,
      agree: figures.agree,
      quorum: { num: minutes.quorumNum, den: minutes.quorumDen },
      threshold: { num: minutes.thresholdNum, den: minutes.thresholdDen },
    });
    const nominee = item.dossier.nominee;
    return [
      String(i + 1),
      `${nominee.name}${nominee.position ? `, ${nominee.position}` : ""} (${item.dossier.unit.name})`,
      String(figures.issued),
      String(figures.returned),
      String(figures.valid),
      String(figures.agree),
      String(figures.disagree),
      percent(figures.agree, figures.entitled),
      item.passed ? "Đạt" : outcome.quorumMet ? "Không đạt" : "Không đủ số thành viên biểu quyết",
    ];
  });
  w.table(
    [
      { title: "STT", width: 8, align: "center" },
      { title: "Cá nhân, tập thể được đề nghị", width: 44 },
      { title: "Phiếu phát ra", width: 14, align: "center" },
      { title: "Phiếu thu về", width: 14, align: "center" },
      { title: "Phiếu hợp lệ", width: 14, align: "center" },
      { title: "Đồng ý", width: 13, align: "center" },
      { title: "Không đồng ý", width: 14, align: "center" },
      { title: "Tỷ lệ đồng ý", width: 14, align: "center" },
      { title: "Kết luận", width: 22, align: "center" },
    ],
    rows,
    10,
  );
  w.text(
    `Tỷ lệ đồng ý tính trên số thành viên có quyền biểu quyết hồ sơ (không kể thành viên không tham gia biểu quyết)${
      paper ? "; phiếu phát ra là số thành viên có mặt có quyền biểu quyết hồ sơ" : ""
    }.`,
    { font: "italic", size: 11 },
  );
  if (paper && minutes.countedAt) {
    w.text(
      `Kết quả kiểm phiếu do Thư ký${secretary ? ` ${secretary.fullName}` : ""} nhập lúc ${formatDateTime(minutes.countedAt)}, ` +
        `Chủ tịch Hội đồng${chair ? ` ${chair.fullName}` : ""} xác nhận lúc ${formatDateTime(closedAt)}.`,
      { size: 12 },
    );
  }
  for (const item of minutes.dossiers) {
    const recused = minutes.recusals.filter((r) => r.dossierId === item.dossierId);
    if (recused.length === 0) continue;
    w.text(
      `Hồ sơ của ${item.dossier.nominee.name}: không tham gia biểu quyết: ${recused.map((r) => `${r.user.fullName} (${r.reason.toLowerCase()})`).join("; ")}.`,
      { size: 12 },
    );
  }
  w.gap(3);

  w.heading("VI. KẾT LUẬN");
  const passed = minutes.dossiers.filter((item) => item.passed);
  const failed = minutes.dossiers.filter((item) => !item.passed);
  const describe = (item: Minutes["dossiers"][number]) =>
    `${item.dossier.nominee.name} (${NOMINEE_KIND_LABELS[item.dossier.kind]}, ${item.dossier.unit.name})`;
  w.text(
    passed.length > 0
      ? `Hội đồng thống nhất đề nghị Chủ tịch UBND xã xem xét, tặng Giấy khen cho ${passed.length} trường hợp: ${passed.map(describe).join("; ")}.`
      : "Không có trường hợp nào đạt tỷ lệ biểu quyết để đề nghị khen thưởng.",
  );
  if (failed.length > 0) w.text(`Không đề nghị khen thưởng: ${failed.map(describe).join("; ")}.`);
  // The closing lines go with the signatures, so these never stand alone on a page.
  w.keepTogether(() => {
    w.text(
      paper
        ? `Phiên họp kết thúc lúc ${formatDateTime(closedAt)}. Biên bản được lập từ kết quả kiểm phiếu bầu giấy đã được Chủ tịch Hội đồng xác nhận và được các thành viên thống nhất thông qua.`
        : `Phiên họp kết thúc lúc ${formatDateTime(closedAt)}. Biên bản được lập từ kết quả bỏ phiếu trên phần mềm và được các thành viên thống nhất thông qua.`,
    );
    w.gap(6);

    w.ensure(55 * MM);
    w.columns([
      {
        width: w.width / 2,
        lines: [
          { text: "THƯ KÝ", style: { font: "bold" } },
          { text: "(Ký, ghi rõ họ tên)", style: { font: "italic", size: 11 } },
          { text: " ", style: { size: 60 } },
          { text: secretary?.fullName ?? "", style: { font: "bold" } },
        ],
      },
      {
        width: w.width / 2,
        lines: [
          { text: "CHỦ TỊCH HỘI ĐỒNG", style: { font: "bold" } },
          { text: "(Ký, ghi rõ họ tên)", style: { font: "italic", size: 11 } },
          { text: " ", style: { size: 60 } },
          { text: chair?.fullName ?? "", style: { font: "bold" } },
        ],
      },
    ]);
  });
}
