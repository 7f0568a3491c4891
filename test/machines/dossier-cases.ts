// Every event the model-based tests send: the ones that pass and the ones a guard refuses,
// each refusal with the exact Vietnamese message the user must read.
import type { DossierEvent, DossierState } from "#machines/index.ts";
import { AFTER_DEADLINE, DEADLINE, OTHER_MOVEMENT, actors, movement, send, tally } from "./fixtures.ts";

export type Case = { name: string; event: DossierEvent } & ({ to: DossierState } | { refused: string });

const noRight = (action: string, who: string) => `Bạn không có quyền «${action}». Chỉ ${who} mới được thực hiện.`;
const OFFICIAL = "cán bộ, công chức phụ trách của đơn vị trình khen";
const SECRETARY = "Văn phòng UBND xã (thường trực Hội đồng TĐKT) của đơn vị tổ chức phong trào";
const SECRETARY_OR_SYSTEM = "Văn phòng UBND xã (thường trực Hội đồng TĐKT) hoặc hệ thống (tác vụ tự động) của đơn vị tổ chức phong trào";
const SIGNER = "Chủ tịch UBND xã hoặc Phó Chủ tịch UBND xã được ủy quyền của đơn vị tổ chức phong trào";
const CHAIRMAN_OR_SECRETARY = "Chủ tịch UBND xã hoặc Văn phòng UBND xã (thường trực Hội đồng TĐKT) của đơn vị tổ chức phong trào";

const MISMATCH = "Thông tin phong trào gửi kèm không khớp với phong trào của hồ sơ.";
const missingDocuments = {
  missing: ["Báo cáo thành tích", "Biên bản họp Hội đồng Thi đua - Khen thưởng của đơn vị trình khen"],
  missingTargets: ["Giải quyết hồ sơ TTHC đúng hạn tối thiểu 99%"],
};
const INCOMPLETE =
  "Hồ sơ chưa đầy đủ. Còn thiếu hoặc chưa hợp lệ: Báo cáo thành tích; Biên bản họp Hội đồng Thi đua - Khen thưởng của đơn vị trình khen. " +
  "Báo cáo thành tích chưa có số liệu cho chỉ tiêu: Giải quyết hồ sơ TTHC đúng hạn tối thiểu 99%.";
const NO_FIGURE = "Hồ sơ chưa đầy đủ. Báo cáo thành tích chưa có số liệu cho chỉ tiêu: Tỷ lệ hồ sơ trực tuyến.";

export const cases: Case[] = [
  // Nộp hồ sơ
  { name: "SUBMIT by the unit's official", event: send.submit(), to: "submitted" },
  { name: "SUBMIT at the deadline's very instant", event: send.submit({ at: DEADLINE }), to: "submitted" },
  { name: "SUBMIT by the secretary", event: send.submit({ actor: actors.secretary }), refused: noRight("Nộp hồ sơ", OFFICIAL) },
  {
    name: "SUBMIT by another unit's official",
    event: send.submit({ actor: actors.officialElsewhere }),
    refused: noRight("Nộp hồ sơ", OFFICIAL),
  },
  {
    name: "SUBMIT by another unit's official with missing documents: the role is checked first",
    event: send.submit({ actor: actors.officialElsewhere, documents: missingDocuments }),
    refused: noRight("Nộp hồ sơ", OFFICIAL),
  },
  { name: "SUBMIT with another movement's data", event: send.submit({ movement: movement({ id: OTHER_MOVEMENT }) }), refused: MISMATCH },
  { name: "SUBMIT with missing documents", event: send.submit({ documents: missingDocuments }), refused: INCOMPLETE },
  {
    name: "SUBMIT with a target without figure",
    event: send.submit({ documents: { missing: [], missingTargets: ["Tỷ lệ hồ sơ trực tuyến"] } }),
    refused: NO_FIGURE,
  },
  {
    name: "SUBMIT late and incomplete: completeness is checked before the deadline",
    event: send.submit({ at: AFTER_DEADLINE, documents: missingDocuments }),
    refused: INCOMPLETE,
  },
  {
    name: "SUBMIT one millisecond after the deadline",
    event: send.submit({ at: AFTER_DEADLINE }),
    refused: "Đã quá hạn nộp hồ sơ của phong trào (hạn cuối: 17:00 ngày 15/05/2023).",
  },
  {
    name: "SUBMIT to a movement not launched yet",
    event: send.submit({ movement: movement({ state: "draft" }) }),
    refused: "Phong trào chưa được phát động; chưa thể nộp hồ sơ.",
  },
  {
    name: "SUBMIT to a movement closed to new dossiers",
    event: send.submit({ movement: movement({ state: "closed" }) }),
    refused: "Phong trào đã hết thời gian nhận hồ sơ; không thể nộp hồ sơ mới.",
  },
  {
    name: "SUBMIT for a subject kind the movement does not cover",
    event: send.submit({ movement: movement({ subjectKinds: ["hamlet", "household"] }) }),
    refused: "Đối tượng «người đứng đầu» không thuộc đối tượng khen thưởng của phong trào.",
  },
  {
    name: "SUBMIT for an award form the movement does not offer",
    event: send.submit({ movement: movement({ awardForms: [] }) }),
    refused: "Hình thức «Giấy khen của Chủ tịch UBND xã» không có trong các hình thức khen thưởng của phong trào.",
  },

  // Nộp lại
  { name: "RESUBMIT by the unit's official", event: send.resubmit(), to: "submitted" },
  { name: "RESUBMIT after the deadline", event: send.resubmit({ at: AFTER_DEADLINE }), to: "submitted" },
  {
    name: "RESUBMIT while the movement is closed to new dossiers",
    event: send.resubmit({ movement: movement({ state: "closed" }) }),
    to: "submitted",
  },
  { name: "RESUBMIT by the secretary", event: send.resubmit({ actor: actors.secretary }), refused: noRight("Nộp lại", OFFICIAL) },
  { name: "RESUBMIT still incomplete", event: send.resubmit({ documents: missingDocuments }), refused: INCOMPLETE },
  {
    name: "RESUBMIT to a finished movement",
    event: send.resubmit({ movement: movement({ state: "finished" }) }),
    refused: "Phong trào đã tổng kết; không thể nộp hồ sơ.",
  },

  // Rút hồ sơ
  { name: "WITHDRAW without a reason", event: send.withdraw(), to: "withdrawn" },
  { name: "WITHDRAW with a reason", event: send.withdraw({ reason: "Cá nhân chuyển công tác" }), to: "withdrawn" },
  { name: "WITHDRAW by the chairman", event: send.withdraw({ actor: actors.chairman }), refused: noRight("Rút hồ sơ", OFFICIAL) },
  {
    name: "WITHDRAW by another unit's official",
    event: send.withdraw({ actor: actors.officialElsewhere }),
    refused: noRight("Rút hồ sơ", OFFICIAL),
  },

  // Tiếp nhận
  { name: "ACCEPT_SCREENING by the secretary", event: send.acceptScreening(), to: "screened" },
  {
    name: "ACCEPT_SCREENING by the official",
    event: send.acceptScreening({ actor: actors.official }),
    refused: noRight("Tiếp nhận (đủ điều kiện)", SECRETARY),
  },
  {
    name: "ACCEPT_SCREENING by another commune's secretary",
    event: send.acceptScreening({ actor: actors.secretaryElsewhere }),
    refused: noRight("Tiếp nhận (đủ điều kiện)", SECRETARY),
  },
  { name: "ACCEPT_SCREENING of an incomplete dossier", event: send.acceptScreening({ documents: missingDocuments }), refused: INCOMPLETE },

  // Trả lại để bổ sung
  { name: "RETURN_FOR_SUPPLEMENT with a reason", event: send.returnForSupplement(), to: "needs_supplement" },
  {
    name: "RETURN_FOR_SUPPLEMENT with a blank reason",
    event: send.returnForSupplement({ reason: "   " }),
    refused: "Vui lòng ghi rõ lý do (bắt buộc khi «Trả lại để bổ sung»).",
  },
  {
    name: "RETURN_FOR_SUPPLEMENT without a reason field",
    event: { ...send.returnForSupplement(), reason: undefined as unknown as string },
    refused: "Vui lòng ghi rõ lý do (bắt buộc khi «Trả lại để bổ sung»).",
  },
  {
    name: "RETURN_FOR_SUPPLEMENT by the official",
    event: send.returnForSupplement({ actor: actors.official }),
    refused: noRight("Trả lại để bổ sung", SECRETARY),
  },

  // Đưa ra Hội đồng bỏ phiếu
  { name: "OPEN_VOTE by the secretary", event: send.openVote(), to: "in_council_vote" },
  {
    name: "OPEN_VOTE by the chairman",
    event: send.openVote({ actor: actors.chairman }),
    refused: noRight("Đưa ra Hội đồng bỏ phiếu", SECRETARY),
  },
  {
    name: "OPEN_VOTE without a session",
    event: send.openVote({ sessionId: "" }),
    refused: "Chưa chọn phiên họp của Hội đồng TĐKT để bỏ phiếu.",
  },

  // Kết thúc bỏ phiếu
  { name: "CLOSE_VOTE 5 of 7 agree", event: send.closeVote(), to: "council_passed" },
  {
    name: "CLOSE_VOTE by the system job, 7 of 7 agree",
    event: send.closeVote({ actor: actors.system, tally: tally(7, 7, 7) }),
    to: "council_passed",
  },
  { name: "CLOSE_VOTE with one recused, 5 of 6 agree", event: send.closeVote({ tally: tally(6, 6, 5) }), to: "council_passed" },
  { name: "CLOSE_VOTE 4 of 7 agree", event: send.closeVote({ tally: tally(7, 7, 4) }), to: "council_failed" },
  { name: "CLOSE_VOTE 4 of 7 voted (no quorum)", event: send.closeVote({ tally: tally(7, 4, 4) }), to: "council_failed" },
  { name: "CLOSE_VOTE with every member recused", event: send.closeVote({ tally: tally(0, 0, 0) }), to: "council_failed" },
  {
    name: "CLOSE_VOTE by a council member",
    event: send.closeVote({ actor: actors.councilMember }),
    refused: noRight("Kết thúc bỏ phiếu", SECRETARY_OR_SYSTEM),
  },
  {
    name: "CLOSE_VOTE with more agree than ballots",
    event: send.closeVote({ tally: tally(7, 5, 6) }),
    refused:
      "Số liệu kiểm phiếu không hợp lệ: cần số nguyên không âm, số phiếu đồng ý ≤ số người bỏ phiếu ≤ số thành viên có quyền biểu quyết, tỷ lệ quy định từ 0 đến 100%.",
  },

  // Phê duyệt
  { name: "APPROVE by the chairman, 4 of 5 used", event: send.approve({ quota: { limit: 5, approved: 4 } }), to: "approved" },
  { name: "APPROVE by the delegated vice-chairman", event: send.approve({ actor: actors.viceDelegated }), to: "approved" },
  { name: "APPROVE without a cap", event: send.approve({ quota: { limit: null, approved: 40 } }), to: "approved" },
  {
    name: "APPROVE a sixth individual",
    event: send.approve({ quota: { limit: 5, approved: 5 } }),
    refused: "Đã đủ số lượng khen thưởng của phong trào (không quá 05 cá nhân); không thể phê duyệt thêm.",
  },
  {
    name: "APPROVE by a vice-chairman without delegation",
    event: send.approve({ actor: actors.viceNotDelegated }),
    refused: noRight("Phê duyệt", SIGNER),
  },
  {
    name: "APPROVE by a vice-chairman delegated another movement",
    event: send.approve({ actor: actors.viceElsewhere }),
    refused: noRight("Phê duyệt", SIGNER),
  },
  { name: "APPROVE by the secretary", event: send.approve({ actor: actors.secretary }), refused: noRight("Phê duyệt", SIGNER) },
  { name: "APPROVE counted on another movement", event: send.approve({ movement: { id: OTHER_MOVEMENT } }), refused: MISMATCH },

  // Không phê duyệt
  { name: "REJECT with a reason", event: send.reject(), to: "rejected" },
  { name: "REJECT by the delegated vice-chairman", event: send.reject({ actor: actors.viceDelegated }), to: "rejected" },
  {
    name: "REJECT without a reason",
    event: send.reject({ reason: "" }),
    refused: "Vui lòng ghi rõ lý do (bắt buộc khi «Không phê duyệt»).",
  },
  { name: "REJECT by the admin", event: send.reject({ actor: actors.admin }), refused: noRight("Không phê duyệt", SIGNER) },

  // Cấp Giấy khen
  { name: "ISSUE_CERTIFICATE by the chairman", event: send.issueCertificate(), to: "awarded" },
  {
    name: "ISSUE_CERTIFICATE by the secretary",
    event: send.issueCertificate({ actor: actors.secretary }),
    refused: noRight("Cấp Giấy khen", SIGNER),
  },
  {
    name: "ISSUE_CERTIFICATE without a certificate",
    event: send.issueCertificate({ certificateId: " " }),
    refused: "Chưa có Giấy khen (số, ký hiệu) để cấp cho hồ sơ này.",
  },

  // Đề nghị cấp trên khen thưởng
  { name: "FORWARD_UP by the chairman", event: send.forwardUp(), to: "forwarded" },
  { name: "FORWARD_UP by the secretary", event: send.forwardUp({ actor: actors.secretary }), to: "forwarded" },
  {
    name: "FORWARD_UP by the official",
    event: send.forwardUp({ actor: actors.official }),
    refused: noRight("Đề nghị cấp trên khen thưởng", CHAIRMAN_OR_SECRETARY),
  },
  {
    name: "FORWARD_UP by the delegated vice-chairman",
    event: send.forwardUp({ actor: actors.viceDelegated }),
    refused: noRight("Đề nghị cấp trên khen thưởng", CHAIRMAN_OR_SECRETARY),
  },
  {
    name: "FORWARD_UP without the higher unit",
    event: send.forwardUp({ toUnitId: "" }),
    refused: "Chưa chọn cơ quan cấp trên để đề nghị khen thưởng.",
  },
];

export const allEvents = cases.map((c) => c.event);
