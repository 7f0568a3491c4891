// Small factories for the machine tests: the Tam Phước plan of April 2023 (seed 001).
import { transitionDossier } from "#machines/index.ts";
import type {
  Actor,
  CouncilTally,
  DocumentCheck,
  DossierEvent,
  DossierInput,
  MovementFacts,
  PersistedDossierSnapshot,
  Role,
} from "#machines/index.ts";

export const COMMUNE = "ubnd-xa-tam-phuoc";
export const UNIT = "bo-phan-mot-cua";
export const OTHER_UNIT = "ap-phuoc-trung";
export const OTHER_COMMUNE = "ubnd-xa-phuoc-hung";
export const MOVEMENT = "phong-trao-cchc-2023";
export const OTHER_MOVEMENT = "phong-trao-khac";

/** 17:00 on 15/05/2023 in Viet Nam. */
export const DEADLINE = "2023-05-15T10:00:00.000Z";
export const BEFORE_DEADLINE = "2023-05-10T02:00:00.000Z";
export const AFTER_DEADLINE = "2023-05-15T10:00:00.001Z";

function person(userId: string, name: string, grants: Array<[Role, string]>, delegatedMovementIds?: string[]): Actor {
  return { userId, name, grants: grants.map(([role, unitId]) => ({ role, unitId })), delegatedMovementIds };
}

export const actors = {
  official: person("u-official", "Nguyễn Văn An", [["official", UNIT]]),
  officialElsewhere: person("u-official-2", "Trần Thị Bình", [["official", OTHER_UNIT]]),
  secretary: person("u-secretary", "Lê Thị Cúc", [["secretary", COMMUNE]]),
  secretaryElsewhere: person("u-secretary-2", "Phạm Văn Dũng", [["secretary", OTHER_COMMUNE]]),
  councilMember: person("u-member", "Võ Văn Em", [["council_member", COMMUNE]]),
  chairman: person("u-chairman", "Huỳnh Văn Phúc", [
    ["chairman", COMMUNE],
    ["council_member", COMMUNE],
  ]),
  viceDelegated: person("u-vice", "Đặng Thị Giang", [["vice_chairman", COMMUNE]], [MOVEMENT]),
  viceElsewhere: person("u-vice-2", "Đặng Văn Hải", [["vice_chairman", COMMUNE]], [OTHER_MOVEMENT]),
  viceNotDelegated: person("u-vice-3", "Bùi Thị Hoa", [["vice_chairman", COMMUNE]]),
  admin: person("u-admin", "Quản trị", [["admin", COMMUNE]]),
  system: person("system", "Hệ thống", [["system", COMMUNE]]),
} satisfies Record<string, Actor>;

export function dossierInput(overrides: Partial<DossierInput> = {}): DossierInput {
  return {
    dossierId: "ho-so-1",
    movementId: MOVEMENT,
    unitId: UNIT,
    movementUnitId: COMMUNE,
    nomineeKind: "individual",
    subjectKind: "unit_head",
    awardForm: "commune_chairman_certificate",
    ...overrides,
  };
}

export const complete: DocumentCheck = { missing: [], missingTargets: [] };

export function movement(overrides: Partial<MovementFacts> = {}): MovementFacts {
  return {
    id: MOVEMENT,
    state: "open",
    subjectKinds: ["unit_head", "civil_servant", "part_time_worker"],
    awardForms: ["commune_chairman_certificate"],
    submissionDeadline: DEADLINE,
    ...overrides,
  };
}

/** Defaults of DESIGN's legal notes: quorum 2/3, 70% of the members entitled to vote. */
export function tally(members: number, voted: number, agree: number): CouncilTally {
  return { members, voted, agree, quorum: { num: 2, den: 3 }, threshold: { num: 70, den: 100 } };
}

type Of<T extends DossierEvent["type"]> = Extract<DossierEvent, { type: T }>;
type Overrides<T extends DossierEvent["type"]> = Partial<Omit<Of<T>, "type">>;

/** One factory per event, valid by default; override what a case is about. */
export const send = {
  submit: (o: Overrides<"SUBMIT"> = {}): Of<"SUBMIT"> => ({
    type: "SUBMIT",
    actor: actors.official,
    at: BEFORE_DEADLINE,
    documents: complete,
    movement: movement(),
    ...o,
  }),
  resubmit: (o: Overrides<"RESUBMIT"> = {}): Of<"RESUBMIT"> => ({
    type: "RESUBMIT",
    actor: actors.official,
    at: BEFORE_DEADLINE,
    documents: complete,
    movement: movement(),
    ...o,
  }),
  withdraw: (o: Overrides<"WITHDRAW"> = {}): Of<"WITHDRAW"> => ({ type: "WITHDRAW", actor: actors.official, at: BEFORE_DEADLINE, ...o }),
  acceptScreening: (o: Overrides<"ACCEPT_SCREENING"> = {}): Of<"ACCEPT_SCREENING"> => ({
    type: "ACCEPT_SCREENING",
    actor: actors.secretary,
    at: BEFORE_DEADLINE,
    documents: complete,
    ...o,
  }),
  returnForSupplement: (o: Overrides<"RETURN_FOR_SUPPLEMENT"> = {}): Of<"RETURN_FOR_SUPPLEMENT"> => ({
    type: "RETURN_FOR_SUPPLEMENT",
    actor: actors.secretary,
    at: BEFORE_DEADLINE,
    reason: "Báo cáo thành tích chưa có số liệu dẫn chứng",
    ...o,
  }),
  openVote: (o: Overrides<"OPEN_VOTE"> = {}): Of<"OPEN_VOTE"> => ({
    type: "OPEN_VOTE",
    actor: actors.secretary,
    at: BEFORE_DEADLINE,
    sessionId: "phien-hop-1",
    ...o,
  }),
  closeVote: (o: Overrides<"CLOSE_VOTE"> = {}): Of<"CLOSE_VOTE"> => ({
    type: "CLOSE_VOTE",
    actor: actors.secretary,
    at: BEFORE_DEADLINE,
    tally: tally(7, 7, 5),
    ...o,
  }),
  approve: (o: Overrides<"APPROVE"> = {}): Of<"APPROVE"> => ({
    type: "APPROVE",
    actor: actors.chairman,
    at: BEFORE_DEADLINE,
    quota: { limit: 5, approved: 0 },
    movement: { id: MOVEMENT },
    ...o,
  }),
  reject: (o: Overrides<"REJECT"> = {}): Of<"REJECT"> => ({
    type: "REJECT",
    actor: actors.chairman,
    at: BEFORE_DEADLINE,
    reason: "Thành tích chưa tiêu biểu so với các đơn vị khác",
    ...o,
  }),
  issueCertificate: (o: Overrides<"ISSUE_CERTIFICATE"> = {}): Of<"ISSUE_CERTIFICATE"> => ({
    type: "ISSUE_CERTIFICATE",
    actor: actors.chairman,
    at: BEFORE_DEADLINE,
    certificateId: "GK-2023-001",
    ...o,
  }),
  forwardUp: (o: Overrides<"FORWARD_UP"> = {}): Of<"FORWARD_UP"> => ({
    type: "FORWARD_UP",
    actor: actors.chairman,
    at: BEFORE_DEADLINE,
    toUnitId: "ubnd-tinh",
    ...o,
  }),
};

/** A JSON round trip, as through the database's jsonb column. */
export function viaDatabase<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

/** Sends events one after another, failing loudly on the first refusal. */
export function drive(snapshot: PersistedDossierSnapshot, events: DossierEvent[]): PersistedDossierSnapshot {
  let current = snapshot;
  for (const event of events) {
    const result = transitionDossier(viaDatabase(current), event);
    if (!result.ok) throw new Error(`${event.type} refused in ${current.value}: ${result.reason}`);
    current = result.snapshot;
  }
  return current;
}
