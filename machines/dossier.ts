// The nomination dossier (hồ sơ đề nghị khen thưởng): the single source of truth of its workflow.
// Pure: the server loads the row, calls `transitionDossier`, and saves state + snapshot + audit row
// in one transaction. Everything the server knows (documents, movement, quota, tallies) comes in the event.
import { and, assign, setup } from "xstate";
import {
  AWARD_FORM_LABELS,
  NOMINEE_KIND_LABELS,
  SUBJECT_KIND_LABELS,
  actorHolds,
  formatVietnamTime,
  isBlank,
  roleRefusal,
  twoDigits,
  type Actor,
  type AwardForm,
  type NomineeKind,
  type Role,
  type Sent,
  type SubjectKind,
} from "./domain.ts";
import type { MovementState } from "./movement.ts";
import { evaluateTally, type CouncilTally } from "./tally.ts";
import {
  createWorkflow,
  guardsFrom,
  runMigrations,
  type MigrationStep,
  type PersistedSnapshot,
  type TransitionResult,
} from "./workflow.ts";

// ─── Types ──────────────────────────────────────────────────────────────────

export const DOSSIER_STATES = [
  "draft",
  "submitted",
  "needs_supplement",
  "screened",
  "in_council_vote",
  "council_passed",
  "council_failed",
  "approved",
  "rejected",
  "awarded",
  "withdrawn",
  "forwarded",
] as const;
export type DossierState = (typeof DOSSIER_STATES)[number];

export const DOSSIER_EVENT_TYPES = [
  "SUBMIT",
  "RETURN_FOR_SUPPLEMENT",
  "RESUBMIT",
  "WITHDRAW",
  "ACCEPT_SCREENING",
  "OPEN_VOTE",
  "CLOSE_VOTE",
  "APPROVE",
  "REJECT",
  "ISSUE_CERTIFICATE",
  "FORWARD_UP",
] as const;
export type DossierEventType = (typeof DOSSIER_EVENT_TYPES)[number];

/** Set once when the dossier is created; the row's columns, copied so the guards need no query. */
export interface DossierInput {
  dossierId: string;
  /** The dossier belongs to one movement: the vice-chairman's delegation is checked against it. */
  movementId: string;
  /** The submitting unit (bộ phận, ban ngành, ấp). */
  unitId: string;
  /** The commune that runs the movement. */
  movementUnitId: string;
  nomineeKind: NomineeKind;
  subjectKind: SubjectKind;
  awardForm: AwardForm;
}

export interface DossierContext extends DossierInput {
  /** The latest reason given to return or reject the dossier, for the UI (the audit keeps them all). */
  lastReason: string | null;
}

/** Computed by the server from the dossier's documents and the movement's targets. */
export interface DocumentCheck {
  /** Missing or invalid documents, in Vietnamese: "Báo cáo thành tích". */
  missing: string[];
  /** Labels of the targets the achievement report gives no figure for. */
  missingTargets: string[];
}

export interface MovementFacts {
  id: string;
  state: MovementState;
  subjectKinds: string[];
  awardForms: string[];
  /** ISO instant, inclusive. */
  submissionDeadline: string;
}

export interface QuotaCount {
  /** Cap for this nominee kind in the movement; null = no cap. */
  limit: number | null;
  /** Already approved in this movement for this nominee kind (counted under lock by the server). */
  approved: number;
}

export type DossierEvent =
  | (Sent & { type: "SUBMIT"; documents: DocumentCheck; movement: MovementFacts })
  | (Sent & { type: "RESUBMIT"; documents: DocumentCheck; movement: MovementFacts })
  | (Sent & { type: "WITHDRAW"; reason?: string })
  | (Sent & { type: "ACCEPT_SCREENING"; documents: DocumentCheck })
  | (Sent & { type: "RETURN_FOR_SUPPLEMENT"; reason: string })
  | (Sent & { type: "OPEN_VOTE"; sessionId: string })
  | (Sent & { type: "CLOSE_VOTE"; tally: CouncilTally })
  | (Sent & { type: "APPROVE"; quota: QuotaCount; movement: { id: string } })
  | (Sent & { type: "REJECT"; reason: string })
  | (Sent & { type: "ISSUE_CERTIFICATE"; certificateId: string })
  | (Sent & { type: "FORWARD_UP"; toUnitId: string });

export type PersistedDossierSnapshot = PersistedSnapshot<DossierState, DossierContext>;
export type DossierTransitionResult = TransitionResult<DossierState, DossierContext>;

/**
 * States that hold a place in the movement's quota ("không quá 05 cá nhân"): approved, then awarded or
 * sent up. The APPROVE guard counts them; the chairman's queue shows the places left from them.
 */
export const QUOTA_TAKING_STATES = ["approved", "awarded", "forwarded"] as const satisfies readonly DossierState[];

/** States in which somebody at the commune must act by the dossier's due date (working days). */
export const WAITING_STATES = ["submitted", "screened", "in_council_vote", "council_passed"] as const satisfies readonly DossierState[];

// ─── Vietnamese labels ──────────────────────────────────────────────────────

export const DOSSIER_STATE_LABELS: Record<DossierState, string> = {
  draft: "Nháp",
  submitted: "Đã nộp",
  needs_supplement: "Cần bổ sung",
  screened: "Đã thẩm định",
  in_council_vote: "Đang bỏ phiếu",
  council_passed: "Hội đồng thông qua",
  council_failed: "Hội đồng không thông qua",
  approved: "Đã phê duyệt",
  rejected: "Không phê duyệt",
  awarded: "Đã khen thưởng",
  withdrawn: "Đã rút",
  forwarded: "Đã đề nghị cấp trên",
};

export const DOSSIER_EVENT_LABELS: Record<DossierEventType, string> = {
  SUBMIT: "Nộp hồ sơ",
  RETURN_FOR_SUPPLEMENT: "Trả lại để bổ sung",
  RESUBMIT: "Nộp lại",
  WITHDRAW: "Rút hồ sơ",
  ACCEPT_SCREENING: "Tiếp nhận (đủ điều kiện)",
  OPEN_VOTE: "Đưa ra Hội đồng bỏ phiếu",
  CLOSE_VOTE: "Kết thúc bỏ phiếu",
  APPROVE: "Phê duyệt",
  REJECT: "Không phê duyệt",
  ISSUE_CERTIFICATE: "Cấp Giấy khen",
  FORWARD_UP: "Đề nghị cấp trên khen thưởng",
};

// ─── Rules: each is a guard of the machine and the Vietnamese message of its refusal ──

/** Who may send: `roles` held in the dossier's unit or in the unit that runs the movement. */
export interface RoleRule {
  roles: readonly Role[];
  of: "unit" | "movementUnit";
}

/**
 * Eligibility. SUBMIT needs an open movement before its deadline. RESUBMIT answers the
 * secretary's request after an on-time submission, so the deadline is waived and a movement
 * closed to new dossiers still takes it; a finished movement takes nothing.
 */
export interface EligibilityRule {
  movementStates: readonly MovementState[];
  deadline: "enforced" | "waived";
}

type TextField = "reason" | "sessionId" | "certificateId" | "toUnitId";

const MISSING_TEXT: Record<Exclude<TextField, "reason">, string> = {
  sessionId: "Chưa chọn phiên họp của Hội đồng TĐKT để bỏ phiếu.",
  certificateId: "Chưa có Giấy khen (số, ký hiệu) để cấp cho hồ sơ này.",
  toUnitId: "Chưa chọn cơ quan cấp trên để đề nghị khen thưởng.",
};

const MOVEMENT_NOT_TAKING: Record<MovementState, string> = {
  draft: "Phong trào chưa được phát động; chưa thể nộp hồ sơ.",
  open: "Phong trào đang nhận hồ sơ mới; thao tác này không áp dụng.",
  closed: "Phong trào đã hết thời gian nhận hồ sơ; không thể nộp hồ sơ mới.",
  finished: "Phong trào đã tổng kết; không thể nộp hồ sơ.",
};

const INCOMPLETE_EVENT = "Thiếu dữ liệu đi kèm thao tác; vui lòng tải lại trang và thử lại.";

export const dossierRules = {
  hasRole(context: DossierContext, event: DossierEvent, params: RoleRule): string | null {
    const unitId = params.of === "unit" ? context.unitId : context.movementUnitId;
    if (actorHolds(event.actor, params.roles, unitId, context.movementId)) return null;
    const unitPhrase = params.of === "unit" ? "của đơn vị trình khen" : "của đơn vị tổ chức phong trào";
    return roleRefusal(DOSSIER_EVENT_LABELS[event.type], params.roles, unitPhrase);
  },

  /** The movement data the server sent is this dossier's movement (a mix-up would miscount quotas). */
  sameMovement(context: DossierContext, event: DossierEvent): string | null {
    const movement = "movement" in event ? event.movement : undefined;
    return movement?.id === context.movementId ? null : "Thông tin phong trào gửi kèm không khớp với phong trào của hồ sơ.";
  },

  documentsComplete(_context: DossierContext, event: DossierEvent): string | null {
    const documents = "documents" in event ? event.documents : undefined;
    if (!documents || !Array.isArray(documents.missing) || !Array.isArray(documents.missingTargets)) return INCOMPLETE_EVENT;
    const problems: string[] = [];
    if (documents.missing.length > 0) problems.push(`Còn thiếu hoặc chưa hợp lệ: ${documents.missing.join("; ")}.`);
    if (documents.missingTargets.length > 0) {
      problems.push(`Báo cáo thành tích chưa có số liệu cho chỉ tiêu: ${documents.missingTargets.join("; ")}.`);
    }
    return problems.length === 0 ? null : `Hồ sơ chưa đầy đủ. ${problems.join(" ")}`;
  },

  eligible(context: DossierContext, event: DossierEvent, params: EligibilityRule): string | null {
    const movement = event.type === "SUBMIT" || event.type === "RESUBMIT" ? event.movement : undefined;
    if (!movement || !Array.isArray(movement.subjectKinds) || !Array.isArray(movement.awardForms)) return INCOMPLETE_EVENT;
    if (!params.movementStates.includes(movement.state)) return MOVEMENT_NOT_TAKING[movement.state] ?? INCOMPLETE_EVENT;
    if (!movement.subjectKinds.includes(context.subjectKind)) {
      return `Đối tượng «${SUBJECT_KIND_LABELS[context.subjectKind]}» không thuộc đối tượng khen thưởng của phong trào.`;
    }
    if (!movement.awardForms.includes(context.awardForm)) {
      return `Hình thức «${AWARD_FORM_LABELS[context.awardForm]}» không có trong các hình thức khen thưởng của phong trào.`;
    }
    if (params.deadline === "enforced") {
      const at = Date.parse(event.at);
      const deadline = Date.parse(movement.submissionDeadline);
      if (Number.isNaN(at) || Number.isNaN(deadline)) return INCOMPLETE_EVENT;
      // Inclusive: a dossier sent at the deadline's very instant is on time.
      if (at > deadline) {
        return `Đã quá hạn nộp hồ sơ của phong trào (hạn cuối: ${formatVietnamTime(movement.submissionDeadline)}).`;
      }
    }
    return null;
  },

  hasText(_context: DossierContext, event: DossierEvent, params: { field: TextField }): string | null {
    const value = (event as unknown as Record<string, unknown>)[params.field];
    if (!isBlank(value)) return null;
    return params.field === "reason"
      ? `Vui lòng ghi rõ lý do (bắt buộc khi «${DOSSIER_EVENT_LABELS[event.type]}»).`
      : MISSING_TEXT[params.field];
  },

  validTally(_context: DossierContext, event: DossierEvent): string | null {
    const tally = event.type === "CLOSE_VOTE" ? event.tally : undefined;
    if (!tally) return INCOMPLETE_EVENT;
    return evaluateTally(tally).valid
      ? null
      : "Số liệu kiểm phiếu không hợp lệ: cần số nguyên không âm, số phiếu đồng ý ≤ số người bỏ phiếu ≤ số thành viên có quyền biểu quyết, tỷ lệ quy định từ 0 đến 100%.";
  },

  /** Not a refusal: when it fails, CLOSE_VOTE takes its second branch to council_failed. */
  tallyPasses(_context: DossierContext, event: DossierEvent): string | null {
    if (event.type !== "CLOSE_VOTE") return INCOMPLETE_EVENT;
    const result = evaluateTally(event.tally);
    if (result.passed) return null;
    return result.quorumMet
      ? `Không đạt tỷ lệ đồng ý: cần ít nhất ${result.requiredAgree} phiếu đồng ý trên ${event.tally.members} thành viên.`
      : `Không đủ số thành viên tham gia biểu quyết: cần ít nhất ${result.requiredVoters} trên ${event.tally.members}.`;
  },

  withinQuota(context: DossierContext, event: DossierEvent): string | null {
    const quota = event.type === "APPROVE" ? event.quota : undefined;
    if (!quota || !Number.isInteger(quota.approved)) return INCOMPLETE_EVENT;
    if (quota.limit === null || quota.approved < quota.limit) return null;
    const kind = NOMINEE_KIND_LABELS[context.nomineeKind];
    return `Đã đủ số lượng khen thưởng của phong trào (không quá ${twoDigits(quota.limit)} ${kind}); không thể phê duyệt thêm.`;
  },
};

// ─── The machine ────────────────────────────────────────────────────────────

const byOfficial = { type: "hasRole", params: { roles: ["official"], of: "unit" } } as const;
const bySecretary = { type: "hasRole", params: { roles: ["secretary"], of: "movementUnit" } } as const;
// The scheduled job closes a vote when its time is up, acting as 'system'.
const bySecretaryOrSystem = { type: "hasRole", params: { roles: ["secretary", "system"], of: "movementUnit" } } as const;
// A vice-chairman signs "KT. CHỦ TỊCH" only for movements delegated to them (see actorHolds).
const bySigner = { type: "hasRole", params: { roles: ["chairman", "vice_chairman"], of: "movementUnit" } } as const;
const byChairmanOrSecretary = { type: "hasRole", params: { roles: ["chairman", "secretary"], of: "movementUnit" } } as const;

// A first submission must be on time; a resubmission answers the secretary and is not late (see EligibilityRule).
const submission = { type: "eligible", params: { movementStates: ["open"], deadline: "enforced" } } as const;
const resubmission = { type: "eligible", params: { movementStates: ["open", "closed"], deadline: "waived" } } as const;
const reasonGiven = { type: "hasText", params: { field: "reason" } } as const;
const sessionGiven = { type: "hasText", params: { field: "sessionId" } } as const;
const certificateGiven = { type: "hasText", params: { field: "certificateId" } } as const;
const higherUnitGiven = { type: "hasText", params: { field: "toUnitId" } } as const;

export const dossierMachine = setup({
  types: {} as { context: DossierContext; events: DossierEvent; input: DossierInput },
  guards: guardsFrom(dossierRules),
  actions: {
    recordReason: assign((_, params: { reason: string }) => ({ lastReason: params.reason.trim() })),
  },
}).createMachine({
  id: "dossier",
  // Copy field by field: the context is stored as JSON and must stay small.
  context: ({ input }) => ({
    dossierId: input.dossierId,
    movementId: input.movementId,
    unitId: input.unitId,
    movementUnitId: input.movementUnitId,
    nomineeKind: input.nomineeKind,
    subjectKind: input.subjectKind,
    awardForm: input.awardForm,
    lastReason: null,
  }),
  initial: "draft",
  states: {
    draft: {
      on: {
        SUBMIT: { target: "submitted", guard: and([byOfficial, "sameMovement", "documentsComplete", submission]) },
        WITHDRAW: { target: "withdrawn", guard: byOfficial },
      },
    },
    submitted: {
      on: {
        ACCEPT_SCREENING: { target: "screened", guard: and([bySecretary, "documentsComplete"]) },
        RETURN_FOR_SUPPLEMENT: {
          target: "needs_supplement",
          guard: and([bySecretary, reasonGiven]),
          actions: { type: "recordReason", params: ({ event }) => ({ reason: event.reason }) },
        },
      },
    },
    needs_supplement: {
      on: {
        RESUBMIT: { target: "submitted", guard: and([byOfficial, "sameMovement", "documentsComplete", resubmission]) },
        WITHDRAW: { target: "withdrawn", guard: byOfficial },
      },
    },
    screened: {
      on: {
        OPEN_VOTE: { target: "in_council_vote", guard: and([bySecretary, sessionGiven]) },
        RETURN_FOR_SUPPLEMENT: {
          target: "needs_supplement",
          guard: and([bySecretary, reasonGiven]),
          actions: { type: "recordReason", params: ({ event }) => ({ reason: event.reason }) },
        },
      },
    },
    in_council_vote: {
      on: {
        // Tried in order: passed when the tallies pass, otherwise failed; both need a valid tally.
        CLOSE_VOTE: [
          { target: "council_passed", guard: and([bySecretaryOrSystem, "validTally", "tallyPasses"]) },
          { target: "council_failed", guard: and([bySecretaryOrSystem, "validTally"]) },
        ],
      },
    },
    council_passed: {
      on: {
        APPROVE: { target: "approved", guard: and([bySigner, "sameMovement", "withinQuota"]) },
        REJECT: {
          target: "rejected",
          guard: and([bySigner, reasonGiven]),
          actions: { type: "recordReason", params: ({ event }) => ({ reason: event.reason }) },
        },
      },
    },
    approved: {
      on: {
        ISSUE_CERTIFICATE: { target: "awarded", guard: and([bySigner, certificateGiven]) },
        FORWARD_UP: { target: "forwarded", guard: and([byChairmanOrSecretary, higherUnitGiven]) },
      },
    },
    // Final for the commune, but its Giấy khen can still be proposed for the level above.
    awarded: {
      on: {
        FORWARD_UP: { target: "forwarded", guard: and([byChairmanOrSecretary, higherUnitGiven]) },
      },
    },
    council_failed: { type: "final" },
    rejected: { type: "final" },
    withdrawn: { type: "final" },
    forwarded: { type: "final" },
  },
});

// ─── The pure API for the server and the UI ─────────────────────────────────

const dossierWorkflow = createWorkflow<DossierState, DossierContext, DossierEvent, DossierInput>({
  machine: dossierMachine,
  rules: dossierRules,
  stateLabels: DOSSIER_STATE_LABELS,
  eventTypes: DOSSIER_EVENT_TYPES,
  actorRules: ["hasRole"],
  subject: "Hồ sơ",
  isContext: (context) =>
    typeof context === "object" &&
    context !== null &&
    ["dossierId", "movementId", "unitId", "movementUnitId", "nomineeKind", "subjectKind", "awardForm"].every(
      (key) => typeof (context as Record<string, unknown>)[key] === "string",
    ),
});

/** The snapshot of a new draft, to store with `machineVersion: DOSSIER_MACHINE_VERSION`. */
export function initialDossierSnapshot(input: DossierInput): PersistedDossierSnapshot {
  return dossierWorkflow.initial(input);
}

/** Runs one event; on refusal, `reason` is the first failing guard's message or, if the state takes no such event, says which state it is in. */
export function transitionDossier(persisted: unknown, event: DossierEvent): DossierTransitionResult {
  return dossierWorkflow.transition(persisted, event);
}

/** Whether `transitionDossier` would succeed, like `snapshot.can(event)`. */
export function canSendDossierEvent(persisted: unknown, event: DossierEvent): boolean {
  return dossierWorkflow.canSend(persisted, event);
}

/**
 * The events `actor` may send from the current state, judged on their role and unit only
 * (documents, deadlines and quotas are checked when the event is sent): the buttons to show.
 */
export function allowedDossierEvents(persisted: unknown, actor: Actor): DossierEventType[] {
  return dossierWorkflow.allowedEvents(persisted, actor);
}

/** Version of the machine that wrote a snapshot; stored next to it (`Dossier.machineVersion`). */
export const DOSSIER_MACHINE_VERSION = 1;

/**
 * Upgrade steps, keyed by the version they upgrade FROM. To change the machine incompatibly
 * (rename a state, add a context field): bump DOSSIER_MACHINE_VERSION to n + 1 and add
 * `n: (s) => ({ ...s, value: renamed(s.value), context: { ...s.context, newField: default } })`.
 */
const DOSSIER_MIGRATIONS: Record<number, MigrationStep> = {};

/** A snapshot written by version `fromVersion` of this machine, made loadable by the current one. */
export function migrateDossierSnapshot(persisted: unknown, fromVersion: number): PersistedDossierSnapshot {
  const migrated = runMigrations("dossier", persisted, fromVersion, DOSSIER_MACHINE_VERSION, DOSSIER_MIGRATIONS);
  dossierWorkflow.restore(migrated); // throws if the result does not load
  return migrated as PersistedDossierSnapshot;
}
