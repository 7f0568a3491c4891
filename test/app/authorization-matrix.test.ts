// The authorization matrix, generated from the route files: every loader (GET) and every action (POST, once
// per intent it accepts) of every file in app/routes, for anonymous and for each role signed in at the demo
// commune's own unit or at another commune, against the built server. The expected outcome of each cell is
// declared below (EXPECTED); a route file without an entry fails the test, so a new route cannot be forgotten.
// The posts carry no fields but the intent: they reach the permission check, never a successful write of
// anything the cells after them depend on.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Role } from "~/generated/prisma/enums.ts";
import { addAttachment } from "~/models/dossier-documents.server.ts";
import { createSession, currentUserById } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { preparedPlace } from "../support/prepared-place.ts";
import { SAMPLE_FILES, createCommuneWithStaff, createDraftDossier, createMovement, createUser } from "../support/factories.ts";
import { startServer, type RunningServer, type ServerPlace } from "../support/server.ts";

const ROLES = ["official", "secretary", "council_member", "vice_chairman", "chairman", "admin"] as const satisfies readonly Role[];
type MatrixRole = (typeof ROLES)[number];
type Principal = { role: MatrixRole; unit: "own" | "other" } | { role: "anonymous" };
const PRINCIPALS: Principal[] = [
  { role: "anonymous" },
  ...ROLES.flatMap((role) => [
    { role, unit: "own" as const },
    { role, unit: "other" as const },
  ]),
];
const nameOf = (p: Principal) => (p.role === "anonymous" ? "anonymous" : `${p.role}@${p.unit}`);

/** What a request ends in: let through (any answer of the page or form: 200, 400, 409, a redirect elsewhere…), or refused. */
type Outcome = "ok" | "sign-in" | 403 | 404;

/**
 * Who gets through: `public` (anyone, anonymous too), `signed-in` (any role), or the roles listed. `other`: what a
 * listed role of another commune gets (default "ok": the page is not about one unit's data). `denied`: what
 * the other roles get (default 403).
 */
type Rule = {
  allow: "public" | "signed-in" | MatrixRole[];
  /** What a listed role gets at its own commune (default "ok") and at another (default "ok"). */
  own?: Outcome;
  other?: Outcome;
  /** What an unlisted role gets (default 403), and at another commune (default: the same). */
  denied?: Outcome;
  deniedOther?: Outcome;
  anonymous?: Outcome;
  /** Everyone, anonymous too, gets this. */
  all?: Outcome;
  /** What one listed role gets in every unit, when its own scope differs (e.g. a delegation the fixture lacks). */
  byRole?: Partial<Record<MatrixRole, Outcome>>;
};
type Post = { intents: string[]; rule: Rule; field?: string };
type Entry = {
  /** The URL, from the fixtures' ids. */
  path: (ids: Ids) => string;
  get?: Rule;
  /** The action: the intents it accepts ("" for a form without one) and who gets through. */
  post?: Post | Post[];
};

type Ids = {
  dossierId: string;
  attachmentId: string;
  movementId: string;
  sessionId: string;
  closedSessionId: string;
  decisionId: string;
  certificateId: string;
  serial: string;
  personId: string;
  unitId: string;
  communeId: string;
  userId: string;
};

const EDITORS: MatrixRole[] = ["official", "secretary", "admin"];
const LEADERS: MatrixRole[] = ["chairman", "vice_chairman"];
const STAFF_OF_RECORDS: MatrixRole[] = ["secretary", "chairman", "vice_chairman"];
/** Everyone but the administrator, whose work is accounts and units, not dossiers. */
const DOSSIER_ROLES: MatrixRole[] = ["official", "secretary", "council_member", "vice_chairman", "chairman"];
/** The fixture dossier is a draft: it exists only for its unit's officials (everyone else: not found). */
const DRAFT: Rule = { allow: ["official"], other: 404, denied: 404 };
/** Sessions of the council: its members and the secretary; not found for anyone else. */
const COUNCIL_SIDE: MatrixRole[] = ["secretary", "council_member", "chairman", "vice_chairman"];

/** Every route file, by its name. */
const EXPECTED: Record<string, Entry> = {
  "_index.tsx": { path: () => "/", get: { allow: "signed-in" } },
  // Only in a benchmark run (BENCH=1): not found otherwise.
  "bench-bare-page.tsx": { path: () => "/bench-bare-page", get: { allow: "public", all: 404 } },
  "healthz.tsx": { path: () => "/healthz", get: { allow: "public" } },
  "quy-trinh.tsx": { path: () => "/quy-trinh", get: { allow: "signed-in" } },
  "dang-nhap.tsx": { path: () => "/dang-nhap", get: { allow: "public" }, post: { intents: [""], rule: { allow: "public" } } },
  // Signing out ends at the sign-in page, whoever asks.
  "dang-xuat.tsx": {
    path: () => "/dang-xuat",
    get: { allow: "public" },
    post: { intents: [""], rule: { allow: "public", all: "sign-in" } },
  },
  // The first-run page exists only while there is no account.
  "khoi-tao.tsx": {
    path: () => "/khoi-tao",
    get: { allow: "public", all: 404 },
    post: { intents: [""], rule: { allow: "public", all: 404 } },
  },
  "doi-mat-khau.tsx": { path: () => "/doi-mat-khau", get: { allow: "signed-in" }, post: { intents: [""], rule: { allow: "signed-in" } } },
  "tai-khoan.tsx": { path: () => "/tai-khoan", get: { allow: "signed-in" }, post: { intents: [""], rule: { allow: "signed-in" } } },
  "thong-bao.tsx": {
    path: () => "/thong-bao",
    get: { allow: "signed-in" },
    post: { intents: ["open", "read-all"], rule: { allow: "signed-in" } },
  },
  "xac-minh._index.tsx": { path: () => "/xac-minh", get: { allow: "public" } },
  "xac-minh.$serial.tsx": { path: (i) => `/xac-minh/${i.serial}`, get: { allow: "public" } },

  // Dossiers: another commune's dossier does not exist for the user (404).
  "ho-so._index.tsx": { path: () => "/ho-so", get: { allow: DOSSIER_ROLES } },
  "ho-so[.]xlsx.tsx": { path: () => "/ho-so.xlsx", get: { allow: DOSSIER_ROLES } },
  "ho-so.moi.tsx": { path: () => "/ho-so/moi", get: { allow: ["official"] }, post: { intents: [""], rule: { allow: ["official"] } } },
  "ho-so.$dossierId.tsx": {
    path: (i) => `/ho-so/${i.dossierId}`,
    get: DRAFT,
    post: { intents: ["upload", "SUBMIT", "WITHDRAW", "RETURN_FOR_SUPPLEMENT", "APPROVE"], rule: DRAFT },
  },
  "ho-so.$dossierId.to-trinh.tsx": {
    path: (i) => `/ho-so/${i.dossierId}/to-trinh`,
    get: DRAFT,
    post: { intents: ["complete"], rule: DRAFT },
  },
  "ho-so.$dossierId.bien-ban.tsx": {
    path: (i) => `/ho-so/${i.dossierId}/bien-ban`,
    get: DRAFT,
    post: { intents: ["complete"], rule: DRAFT },
  },
  "ho-so.$dossierId.bao-cao.tsx": {
    path: (i) => `/ho-so/${i.dossierId}/bao-cao`,
    get: DRAFT,
    post: { intents: ["complete"], rule: DRAFT },
  },
  "ho-so.$dossierId.bao-cao[.]docx.tsx": { path: (i) => `/ho-so/${i.dossierId}/bao-cao.docx`, get: DRAFT },
  "ho-so.$dossierId.in.tsx": { path: (i) => `/ho-so/${i.dossierId}/in`, get: DRAFT },
  "ho-so.$dossierId.de-nghi-cap-tren[.]zip.tsx": {
    path: (i) => `/ho-so/${i.dossierId}/de-nghi-cap-tren.zip`,
    // A draft has no file for the level above.
    get: { allow: ["chairman", "secretary", "vice_chairman"], own: 404, other: 404 },
  },
  "ho-so.$dossierId.tep.$attachmentId.tsx": {
    path: (i) => `/ho-so/${i.dossierId}/tep/${i.attachmentId}`,
    get: DRAFT,
  },
  "tham-dinh.tsx": {
    path: () => "/tham-dinh",
    get: { allow: ["secretary"] },
    post: { intents: ["accept"], rule: { allow: ["secretary"] } },
  },
  "qua-han.tsx": { path: () => "/qua-han", get: { allow: ["secretary"] } },

  // Movements: the commune's own.
  "phong-trao._index.tsx": { path: () => "/phong-trao", get: { allow: "signed-in" } },
  "phong-trao.moi.tsx": {
    path: () => "/phong-trao/moi",
    get: { allow: ["secretary"] },
    post: { intents: [""], rule: { allow: ["secretary"] } },
  },
  "phong-trao.$movementId.tsx": { path: (i) => `/phong-trao/${i.movementId}`, get: { allow: ROLES.slice(), other: 404 } },
  "phong-trao.$movementId.sua.tsx": {
    path: (i) => `/phong-trao/${i.movementId}/sua`,
    get: { allow: ["secretary"], other: 404, deniedOther: 404 },
    post: { intents: [""], rule: { allow: ["secretary"], other: 403 } },
  },
  "phong-trao.$movementId.trang-thai.tsx": {
    path: (i) => `/phong-trao/${i.movementId}/trang-thai`,
    get: { allow: ["secretary"], other: 404, deniedOther: 404 },
    post: { intents: [""], rule: { allow: ["secretary"], other: 403 } },
  },
  "phong-trao.$movementId.phien-ban-moi.tsx": {
    path: (i) => `/phong-trao/${i.movementId}/phien-ban-moi`,
    get: { allow: ["secretary"], other: 404, deniedOther: 404 },
    post: { intents: [""], rule: { allow: ["secretary"], other: 403 } },
  },
  "phong-trao.$movementId.tong-quan.tsx": {
    path: (i) => `/phong-trao/${i.movementId}/tong-quan`,
    get: { allow: STAFF_OF_RECORDS, other: 404, deniedOther: 404 },
  },
  "phong-trao.$movementId.tong-quan[.]xlsx.tsx": {
    path: (i) => `/phong-trao/${i.movementId}/tong-quan.xlsx`,
    get: { allow: STAFF_OF_RECORDS, other: 404 },
  },
  "phong-trao.$movementId.bao-cao-tong-ket[.]docx.tsx": {
    path: (i) => `/phong-trao/${i.movementId}/bao-cao-tong-ket.docx`,
    get: { allow: STAFF_OF_RECORDS, other: 404 },
  },
  "phong-trao.$movementId.bao-cao-tong-ket[.]pdf.tsx": {
    path: (i) => `/phong-trao/${i.movementId}/bao-cao-tong-ket.pdf`,
    get: { allow: STAFF_OF_RECORDS, other: 404 },
  },
  "phong-trao.$movementId.bao-cao-tong-ket[.]xlsx.tsx": {
    path: (i) => `/phong-trao/${i.movementId}/bao-cao-tong-ket.xlsx`,
    get: { allow: STAFF_OF_RECORDS, other: 404 },
  },
  "phong-trao.$movementId.ho-so-de-nghi[.]xlsx.tsx": {
    path: (i) => `/phong-trao/${i.movementId}/ho-so-de-nghi.xlsx`,
    get: { allow: ROLES.slice(), other: 404 },
  },
  "phong-trao.$movementId.mau-nhap[.]xlsx.tsx": {
    path: (i) => `/phong-trao/${i.movementId}/mau-nhap.xlsx`,
    get: { allow: ["official"], other: 404 },
  },
  "phong-trao.$movementId.nhap-ho-so.tsx": {
    path: (i) => `/phong-trao/${i.movementId}/nhap-ho-so`,
    get: { allow: ["official"], other: 404, deniedOther: 404 },
    // The file is checked before the movement: an empty upload is a 400 for any official; the import of an
    // upload that is not there (none was made) is not found.
    post: [
      { intents: ["upload", "import-valid"], rule: { allow: ["official"] } },
      { intents: ["import"], rule: { allow: ["official"], own: 404, other: 404 } },
    ],
  },

  // The council and its sessions.
  "hoi-dong.tsx": {
    path: () => "/hoi-dong",
    get: { allow: ["admin", "secretary", "council_member", "chairman", "vice_chairman"] },
    post: { intents: [""], rule: { allow: ["admin", "secretary"] } },
  },
  "bo-phieu._index.tsx": { path: () => "/bo-phieu", get: { allow: "signed-in" } },
  "bo-phieu.moi.tsx": {
    path: () => "/bo-phieu/moi",
    get: { allow: ["secretary"] },
    post: { intents: [""], rule: { allow: ["secretary"] } },
  },
  "bo-phieu.$sessionId.tsx": {
    path: (i) => `/bo-phieu/${i.sessionId}`,
    get: { allow: COUNCIL_SIDE, other: 404, denied: 404 },
    // The ballot is read before the session: an empty one is a 400 for anyone; castBallot and declareRecusal
    // find the seat in the query (session, member, commune).
    post: { intents: ["vote", "recuse"], rule: { allow: "signed-in" } },
  },
  // The fixture's sessions are online: the paper count and the sheets are not found, for every role.
  "bo-phieu.$sessionId_.kiem-phieu.tsx": {
    path: (i) => `/bo-phieu/${i.sessionId}/kiem-phieu`,
    get: { allow: [...ROLES], own: 404, other: 404 },
    post: [
      // No one present is a valid attendance: recordAttendance, like confirmPaperCounts, looks the session up.
      { intents: ["confirm", "attendance"], rule: { allow: [...ROLES], own: 404, other: 404 } },
      // The counts are read first (400); recordPaperCounts finds the session in the query.
      { intents: ["count"], rule: { allow: "signed-in" } },
    ],
  },
  "bo-phieu.$sessionId.phieu-bau[.]pdf.tsx": {
    path: (i) => `/bo-phieu/${i.sessionId}/phieu-bau.pdf`,
    get: { allow: [...ROLES], own: 404, other: 404 },
  },
  "bo-phieu.$sessionId.bien-ban[.]pdf.tsx": {
    // The minutes of a closed session: the council's side and the commune's administrator (loadMinutes scopes by unit).
    path: (i) => `/bo-phieu/${i.closedSessionId}/bien-ban.pdf`,
    get: { allow: [...COUNCIL_SIDE, "admin"], other: 404, denied: 404 },
  },

  // Approval, decisions, certificates.
  "phe-duyet._index.tsx": {
    path: () => "/phe-duyet",
    get: { allow: LEADERS },
    post: { intents: ["approve", "sign"], rule: { allow: LEADERS } },
  },
  "phe-duyet.de-nghi-cap-tren.tsx": {
    path: () => "/phe-duyet/de-nghi-cap-tren",
    get: { allow: ["chairman", "secretary"] },
    post: { intents: [""], rule: { allow: ["chairman", "secretary"] } },
  },
  "uy-quyen.tsx": {
    path: () => "/uy-quyen",
    get: { allow: LEADERS },
    // Revoking names no delegation here: not found, in the chairman's own units as elsewhere.
    post: [
      { intents: [""], rule: { allow: ["chairman"] } },
      { intents: ["revoke"], rule: { allow: ["chairman"], own: 404, other: 404 } },
    ],
  },
  "quyet-dinh._index.tsx": { path: () => "/quyet-dinh", get: { allow: STAFF_OF_RECORDS } },
  "quyet-dinh[.]xlsx.tsx": { path: () => "/quyet-dinh.xlsx", get: { allow: STAFF_OF_RECORDS } },
  "quyet-dinh.$decisionId.tsx": {
    path: (i) => `/quyet-dinh/${i.decisionId}`,
    get: { allow: STAFF_OF_RECORDS, other: 404 },
    post: { intents: [""], rule: { allow: LEADERS, other: 404 } },
  },
  "quyet-dinh.$decisionId_.in.tsx": { path: (i) => `/quyet-dinh/${i.decisionId}/in`, get: { allow: STAFF_OF_RECORDS, other: 404 } },
  "quyet-dinh.$decisionId.quyet-dinh[.]pdf.tsx": {
    path: (i) => `/quyet-dinh/${i.decisionId}/quyet-dinh.pdf`,
    get: { allow: STAFF_OF_RECORDS, other: 404 },
  },
  "quyet-dinh.$decisionId.giay-khen[.]pdf.tsx": {
    path: (i) => `/quyet-dinh/${i.decisionId}/giay-khen.pdf`,
    get: { allow: STAFF_OF_RECORDS, other: 404 },
  },
  "giay-khen._index.tsx": { path: () => "/giay-khen", get: { allow: STAFF_OF_RECORDS } },
  "giay-khen[.]xlsx.tsx": { path: () => "/giay-khen.xlsx", get: { allow: STAFF_OF_RECORDS } },
  "giay-khen.$certificateId.ban-in[.]pdf.tsx": {
    path: (i) => `/giay-khen/${i.certificateId}/ban-in.pdf`,
    get: { allow: STAFF_OF_RECORDS, other: 404 },
  },
  "giay-khen.$certificateId.thu-hoi.tsx": {
    path: (i) => `/giay-khen/${i.certificateId}/thu-hoi`,
    get: { allow: ["chairman"], other: 404 },
    post: { intents: [""], rule: { allow: ["chairman"] } }, // the reason is read first (400); the model's query scopes the certificate
  },
  "giay-khen.$certificateId.cap-lai.tsx": {
    // The chairman of the issuing commune; a vice-chairman only with a delegation in force (the fixture has none).
    path: (i) => `/giay-khen/${i.certificateId}/cap-lai`,
    get: { allow: LEADERS, other: 404, byRole: { vice_chairman: 404 } },
    post: { intents: [""], rule: { allow: LEADERS } }, // the reason is read first (400); reissueCertificate scopes the certificate
  },
  "so-vang._index.tsx": { path: () => "/so-vang", get: { allow: STAFF_OF_RECORDS } },
  "so-vang[.]pdf.tsx": { path: () => "/so-vang.pdf", get: { allow: STAFF_OF_RECORDS } },
  "so-vang[.]xlsx.tsx": { path: () => "/so-vang.xlsx", get: { allow: STAFF_OF_RECORDS } },
  "thong-ke._index.tsx": { path: () => "/thong-ke", get: { allow: STAFF_OF_RECORDS } },
  "thong-ke[.]docx.tsx": { path: () => "/thong-ke.docx", get: { allow: STAFF_OF_RECORDS } },
  "thong-ke[.]pdf.tsx": { path: () => "/thong-ke.pdf", get: { allow: STAFF_OF_RECORDS } },
  "thong-ke[.]xlsx.tsx": { path: () => "/thong-ke.xlsx", get: { allow: STAFF_OF_RECORDS } },

  // People and units.
  "ca-nhan._index.tsx": { path: () => "/ca-nhan", get: { allow: ROLES.slice() } },
  "ca-nhan.moi.tsx": { path: () => "/ca-nhan/moi", get: { allow: EDITORS }, post: { intents: [""], rule: { allow: EDITORS } } },
  "ca-nhan.$personId.tsx": {
    path: (i) => `/ca-nhan/${i.personId}`,
    get: { allow: ROLES.slice(), other: 404 },
    post: { intents: [""], rule: { allow: EDITORS } }, // the form is read first (400); updatePerson scopes the person in its query
  },
  "ca-nhan.$personId_.sua.tsx": {
    path: (i) => `/ca-nhan/${i.personId}/sua`,
    get: { allow: EDITORS, other: 404 },
    post: { intents: [""], rule: { allow: EDITORS } },
  },
  "don-vi.$unitId.tsx": { path: (i) => `/don-vi/${i.unitId}`, get: { allow: ROLES.slice(), other: 403 } },

  // Settings.
  "cai-dat.quyet-dinh.tsx": {
    path: () => "/cai-dat/quyet-dinh",
    get: { allow: ["chairman", "secretary"] },
    post: { intents: ["save"], rule: { allow: ["chairman", "secretary"] } },
  },
  "cai-dat.in-giay-khen.tsx": {
    path: () => "/cai-dat/in-giay-khen",
    get: { allow: ["chairman", "secretary"] },
    post: { intents: [""], rule: { allow: ["chairman", "secretary"] } },
  },
  // No scan is stored for the fixture's unit: not found for those who may see one.
  "cai-dat.in-giay-khen.anh-phoi.tsx": {
    path: () => "/cai-dat/in-giay-khen/anh-phoi",
    get: { allow: ["chairman", "secretary"], own: 404, other: 404 },
  },
  "cai-dat.in-giay-khen.trang-thu[.]pdf.tsx": {
    path: () => "/cai-dat/in-giay-khen/trang-thu.pdf",
    get: { allow: ["chairman", "secretary"] },
  },
  "cai-dat.chu-ky-so.tsx": {
    path: () => "/cai-dat/chu-ky-so",
    get: { allow: ["chairman", "admin"] },
    post: { intents: [""], rule: { allow: ["chairman", "admin"] } },
  },

  // Administration: an administrator's scope is their own units.
  "quan-tri._index.tsx": { path: () => "/quan-tri", get: { allow: ["admin"] } },
  "quan-tri.don-vi._index.tsx": { path: () => "/quan-tri/don-vi", get: { allow: ["admin"] } },
  "quan-tri.don-vi.moi.tsx": {
    path: (i) => `/quan-tri/don-vi/moi?cap-tren=${i.communeId}`,
    get: { allow: ["admin"], other: 404 },
    post: { intents: [""], rule: { allow: ["admin"] } }, // read first (400); createUnit scopes the parent in its query
  },
  "quan-tri.don-vi.$unitId.tsx": {
    path: (i) => `/quan-tri/don-vi/${i.unitId}`,
    get: { allow: ["admin"], other: 404 },
    post: [
      { intents: ["sua", "ket-thuc"], rule: { allow: ["admin"] } }, // read first (400); the model scopes the unit in its query
      { intents: ["nguoi-dung-dau"], rule: { allow: ["admin"], other: 404 } },
    ],
  },
  "quan-tri.nguoi-dung._index.tsx": { path: () => "/quan-tri/nguoi-dung", get: { allow: ["admin"] } },
  "quan-tri.nguoi-dung.moi.tsx": {
    path: () => "/quan-tri/nguoi-dung/moi",
    get: { allow: ["admin"] },
    post: { intents: [""], rule: { allow: ["admin"] } },
  },
  "quan-tri.nguoi-dung.$userId.tsx": {
    path: (i) => `/quan-tri/nguoi-dung/${i.userId}`,
    get: { allow: ["admin"], other: 404 },
    post: [
      { intents: ["ho-so"], rule: { allow: ["admin"] } }, // read first (400); updateUserProfile scopes the account in its query
      { intents: ["vai-tro", "mat-khau", "khoa", "mo-khoa", "mo-dang-nhap"], rule: { allow: ["admin"], other: 404 } },
    ],
  },
  "quan-tri.hop-thu-di.tsx": {
    path: () => "/quan-tri/hop-thu-di",
    get: { allow: ["admin"] },
    post: { intents: [""], rule: { allow: ["admin"] } },
  },
  "quan-tri.mau-email.tsx": { path: () => "/quan-tri/mau-email", get: { allow: ["admin"] } },
  "quan-tri.nhap-du-lieu._index.tsx": {
    path: () => "/quan-tri/nhap-du-lieu",
    get: { allow: ["admin"] },
    post: { intents: ["", "nhap"], rule: { allow: ["admin"] } },
  },
  "quan-tri.nhap-du-lieu.mau-can-bo[.]xlsx.tsx": { path: () => "/quan-tri/nhap-du-lieu/mau-can-bo.xlsx", get: { allow: ["admin"] } },
  "quan-tri.nhap-du-lieu.mau-don-vi[.]xlsx.tsx": { path: () => "/quan-tri/nhap-du-lieu/mau-don-vi.xlsx", get: { allow: ["admin"] } },
};

function expected(principal: Principal, rule: Rule): Outcome {
  if (rule.all) return rule.all;
  if (principal.role === "anonymous") return rule.allow === "public" ? "ok" : (rule.anonymous ?? "sign-in");
  if (rule.allow === "public" || rule.allow === "signed-in") return "ok";
  const special = rule.byRole?.[principal.role];
  if (special) return special;
  if (!rule.allow.includes(principal.role))
    return principal.unit === "other" ? (rule.deniedOther ?? rule.denied ?? 403) : (rule.denied ?? 403);
  return principal.unit === "own" ? (rule.own ?? "ok") : (rule.other ?? "ok");
}

function outcomeOf(response: Response): Outcome | string {
  const { status } = response;
  if (status === 403 || status === 404) return status;
  if (status >= 300 && status < 400) {
    const location = response.headers.get("Location") ?? "";
    return location.startsWith("/dang-nhap") ? "sign-in" : "ok";
  }
  if (status >= 500) return `HTTP ${status}`;
  return "ok";
}

// ─── The fixtures and the server ────────────────────────────────────────────

let server: RunningServer;
let ids: Ids;
/** Per principal: a session cookie for every request, and one more for signing out. */
const cookies = new Map<string, { main: string; signOut: string }>();
let place: ServerPlace | undefined;

async function cookieFor(userId: string) {
  return (await createSession(userId)).split(";")[0]!;
}

beforeAll(async () => {
  // Own: the demo commune (Tam Phước) carried to a decision, certificates and an open session.
  ({ place } = await preparedPlace("tdkt-matrix-", {
    then: async (advanced) => {
      const demo = advanced!;
      const own: Record<MatrixRole, string> = {
        official: "canbo.tuphap",
        secretary: "vanphong",
        council_member: "hoidong.mttq",
        vice_chairman: "phochutich",
        chairman: "chutich",
        admin: "quantri",
      };
      const official = await prisma.user.findUniqueOrThrow({ where: { username: own.official }, select: { unitId: true } });
      const commune = await prisma.orgUnit.findFirstOrThrow({ where: { code: "xa-tam-phuoc" }, select: { id: true } });
      const dossier = await prisma.dossier.findFirstOrThrow({
        where: { movementId: demo.movementId, unitId: official.unitId, state: "draft" },
        select: { id: true },
      });
      const officialUser = await prisma.user.findUniqueOrThrow({ where: { username: own.official } });
      const attachment = await addAttachment({
        user: (await currentUserById(officialUser.id))!,
        dossierId: dossier.id,
        file: {
          fileName: "to-trinh-ky.pdf",
          mimeType: "application/pdf",
          type: "pdf",
          bytes: SAMPLE_FILES.pdf(),
          size: SAMPLE_FILES.pdf().length,
        },
      });
      if (!attachment.ok) throw new Error(attachment.message);
      const certificate = await prisma.certificate.findFirstOrThrow({
        where: { decisionId: demo.decisionId },
        select: { id: true, serial: true },
      });
      const person = await prisma.person.findFirstOrThrow({ where: { unitId: official.unitId, user: null }, select: { id: true } });
      // An account the administrators act on (lock, new password): none of the principals.
      const target = await createUser({ unitId: official.unitId, fullName: "Lê Thị Được Quản Trị", username: "duoc.quan.tri" });
      ids = {
        dossierId: dossier.id,
        attachmentId: attachment.attachmentId,
        movementId: demo.movementId,
        sessionId: demo.openSessionId,
        closedSessionId: demo.closedSessionId,
        decisionId: demo.decisionId,
        certificateId: certificate.id,
        serial: certificate.serial,
        personId: person.id,
        unitId: official.unitId,
        communeId: commune.id,
        userId: target.id,
      };

      // Other: a second commune with its own staff, movement and dossier.
      const other = await createCommuneWithStaff("UBND xã Bên Kia");
      const otherMovement = await createMovement(other.commune.id);
      await createDraftDossier({ officialId: other.official.id, movementId: otherMovement.id, unitId: other.justice.id });
      const otherUsers: Record<MatrixRole, string> = {
        official: other.official.id,
        secretary: other.secretary.id,
        chairman: other.chairman.id,
        council_member: (await createUser({ unitId: other.commune.id, roles: [{ role: "council_member" }], fullName: "Phan Văn Hội" })).id,
        vice_chairman: (await createUser({ unitId: other.commune.id, roles: [{ role: "vice_chairman" }], fullName: "Võ Thị Phó" })).id,
        admin: (await createUser({ unitId: other.commune.id, roles: [{ role: "admin" }], fullName: "Đinh Văn Trị" })).id,
      };
      for (const role of ROLES) {
        const ownUser = await prisma.user.findUniqueOrThrow({ where: { username: own[role] }, select: { id: true } });
        cookies.set(`${role}@own`, { main: await cookieFor(ownUser.id), signOut: await cookieFor(ownUser.id) });
        cookies.set(`${role}@other`, { main: await cookieFor(otherUsers[role]), signOut: await cookieFor(otherUsers[role]) });
      }
    },
  }));
  server = await startServer(place.env);
}, 600_000);

afterAll(async () => {
  await server?.stop();
  await place?.remove();
});

// ─── The requests ───────────────────────────────────────────────────────────

type Cell = {
  route: string;
  method: "GET" | "POST";
  intent: string | null;
  principal: Principal;
  want: Outcome;
  path: string;
  field: string;
};

async function send(cell: Cell): Promise<Outcome | string> {
  const headers: Record<string, string> = {};
  if (cell.principal.role !== "anonymous") {
    const jar = cookies.get(nameOf(cell.principal))!;
    headers.Cookie = cell.route === "dang-xuat.tsx" ? jar.signOut : jar.main;
  }
  const url = new URL(cell.path, server.url);
  const body = new URLSearchParams(cell.intent ? { [cell.field]: cell.intent } : {});
  for (let tries = 0; ; tries++) {
    try {
      return await sendOnce();
    } catch (error) {
      // A keep-alive connection the server closed just as it was reused: send again (the cell is not timed).
      if (tries >= 2) return `no answer (${(error as Error).message})`;
    }
  }
  async function sendOnce() {
    const response =
      cell.method === "GET"
        ? await fetch(url, { headers, redirect: "manual" })
        : await fetch(url, {
            method: "POST",
            headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
            body,
            redirect: "manual",
          });
    await response.arrayBuffer();
    return outcomeOf(response);
  }
}

const routeFiles = readdirSync("app/routes").filter((file) => file.endsWith(".tsx") || file.endsWith(".ts"));

function cellsOf(route: string): Cell[] {
  const entry = EXPECTED[route]!;
  const source = readFileSync(path.join("app/routes", route), "utf8");
  const cells: Cell[] = [];
  const at = entry.path(ids);
  if (/export (async )?function loader|export const loader/.test(source)) {
    for (const principal of PRINCIPALS) {
      cells.push({ route, method: "GET", intent: null, principal, want: expected(principal, entry.get!), path: at, field: "" });
    }
  }
  if (/export (async )?function action|export const action/.test(source)) {
    for (const post of [entry.post!].flat()) {
      for (const intent of post.intents) {
        for (const principal of PRINCIPALS) {
          cells.push({
            route,
            method: "POST",
            intent: intent || null,
            principal,
            want: expected(principal, post.rule),
            path: at,
            field: post.field ?? "intent",
          });
        }
      }
    }
  }
  return cells;
}

describe(`authorization matrix over every route file (${process.env.TEST_DB})`, () => {
  test("every route file has an entry, with a rule for its loader and for its action", () => {
    const missing: string[] = [];
    for (const route of routeFiles) {
      const entry = EXPECTED[route];
      const source = readFileSync(path.join("app/routes", route), "utf8");
      if (!entry) missing.push(`${route}: no entry`);
      else {
        if (/export (async )?function loader|export const loader/.test(source) && !entry.get) missing.push(`${route}: no rule for GET`);
        if (/export (async )?function action|export const action/.test(source) && !entry.post) missing.push(`${route}: no rule for POST`);
      }
    }
    const stale = Object.keys(EXPECTED).filter((route) => !routeFiles.includes(route));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });

  test("every cell: routes × (loader, each intent of the action) × roles × own/other unit", { timeout: 1_200_000 }, async () => {
    const cells = routeFiles.filter((route) => EXPECTED[route]).flatMap(cellsOf);
    // Sign-out last: it ends a session (its own, but let nothing else run after it).
    cells.sort((a, b) => Number(a.route === "dang-xuat.tsx") - Number(b.route === "dang-xuat.tsx"));
    const wrong: string[] = [];
    const queue = [...cells];
    const worker = async () => {
      for (let cell = queue.shift(); cell; cell = queue.shift()) {
        const got = await send(cell);
        if (got !== cell.want) {
          wrong.push(
            `${cell.method} ${cell.route}${cell.intent ? ` [${cell.intent}]` : ""} as ${nameOf(cell.principal)}: got ${got}, want ${cell.want}`,
          );
        }
      }
    };
    await Promise.all([worker(), worker(), worker()]);
    const routes = new Set(cells.map((cell) => cell.route)).size;
    console.info(`authorization matrix: ${cells.length} requests, ${routes} route files × ${PRINCIPALS.length} principals`);
    if (wrong.some((line) => line.includes("no answer") || line.includes("HTTP 5"))) console.info(server.output().slice(-4000));
    expect(wrong.sort()).toEqual([]);
  });
});
