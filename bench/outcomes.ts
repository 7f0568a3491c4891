// What happens to dossiers after screening, for bench/province.ts: the council's voting sessions with their
// receipts and ballots, the award decisions with their entries, the signed certificates, the proposals sent up,
// the notifications every transition enqueued, and the browsers signed in. Runs on the generator's connection
// (its temp tables `bd` and helper functions), after the dossiers and before the audit trail, to which it adds
// its own rows through the temp table `bx`.
import { createHash, createHmac } from "node:crypto";
import type pg from "pg";
import { DEFAULT_RECIPIENTS, DECISION_SERIES, awardeeDetail, decisionSubject } from "~/models/award-decision.server.ts";
import { defaultDecisionLegalBasis } from "~/models/document-settings.server.ts";
import { CERTIFICATE_SERIES, certificatePayload, makeSerial } from "~/models/certificate.server.ts";
import { PROPOSAL_SERIES } from "~/models/escalation.server.ts";
import { authorityName, documentNumber, upperVi, vietnamYear } from "~/documents/wording.server.ts";
import { env } from "~/utils/env.server.ts";
import { formatDate } from "~/utils/format.ts";
import { signPayload } from "~/utils/signing.server.ts";

type Run = (name: string, ...statements: Array<string | [string, unknown[]]>) => Promise<void>;

const PROVINCE_NAME = "UBND tỉnh Đồng Nai";

/** The audit rows this file adds (sessions, decisions, proposals), merged into the trail by province.ts. */
export const EXTRA_AUDIT_TABLE = `CREATE TEMP TABLE bx (id text, chain text, c int, n bigint, i int, at timestamp(3), j int, action text,
  entity_type text, entity_id text, from_state text, to_state text, reason text, data jsonb)`;

/**
 * The ballot key of docs/decisions/006-secret-ballot.md (app/models/voting.server.ts `ballotKey`, not exported):
 * HMAC under a key derived from the server's secret and the session's salt. Open sessions' ballots need it, so that
 * a member who votes again through the app replaces their ballot instead of adding one.
 */
function ballotKey(secret: string, salt: string, dossierId: string, userId: string): string {
  const sessionKey = createHmac("sha256", secret).update(`ballot-salt:${salt}`).digest();
  return createHmac("sha256", sessionKey).update(`${dossierId}:${userId}`).digest("hex");
}

/**
 * Voting sessions per commune (pg_temp.session_slot): the quota's first five in one closed session on their shared
 * timeline; every other dossier past the vote in a second closed session (opened at the first of their OPEN_VOTE
 * events, closed at the last of their CLOSE_VOTE events: the one approximation of time here); the dossiers in
 * `in_council_vote` in an open session that closes in 3 days. 3 members each (the council), no recusal (no nominee
 * is a member or heads the nominee's unit). Closed: results on SessionDossier from the tally the CLOSE_VOTE event
 * recorded, 3 receipts and 3 ballots per dossier, the ballots without keys and in random order as closing leaves
 * them. Open: receipts and keyed ballots of about half the members.
 */
export async function votingSessions(client: pg.Client, run: Run): Promise<void> {
  await run(
    "voting sessions, receipts, ballots",
    EXTRA_AUDIT_TABLE,
    `CREATE TEMP TABLE bs AS
     SELECT c, slot, pg_temp.bid('v', c * 3 + slot) AS id, slot < 2 AS closed,
            min(open_at) AS opened_at, max(close_at) AS closed_at, array_agg(n ORDER BY n) AS ns
       FROM (SELECT c, n, pg_temp.session_slot(k, state) AS slot,
                    (t_last - (len - 7) * gap * interval '1 day')::timestamp(3) AS open_at,
                    CASE WHEN state <> 'in_council_vote' THEN (t_last - (len - 8) * gap * interval '1 day')::timestamp(3) END AS close_at
               FROM bd WHERE state IN ('in_council_vote', 'council_passed', 'council_failed', 'approved', 'rejected', 'awarded', 'forwarded')) AS x
      GROUP BY c, slot;

     INSERT INTO "VotingSession" (id, "councilId", "movementId", "unitId", title, state, "openedAt", "closesAt", "closedAt",
                                  "quorumNum", "quorumDen", "thresholdNum", "thresholdDen", "reminderHours", "ballotSalt",
                                  "openedById", "closedById", "createdAt", "updatedAt")
     SELECT bs.id, pg_temp.bid('k', bs.c), m.id, m."unitId", 'Xét khen thưởng phong trào “' || m.title || '” năm ' || m.year,
            (CASE WHEN bs.closed THEN 'closed' ELSE 'open' END)::"VotingSessionState", bs.opened_at,
            CASE WHEN bs.closed THEN bs.closed_at ELSE pg_temp.t0() + interval '3 days' END, bs.closed_at,
            2, 3, 70, 100, 24, CASE WHEN NOT bs.closed THEN md5('salt' || bs.c) || md5('salt-b' || bs.c) END,
            pg_temp.bid('s', bs.c * 10 + 1), CASE WHEN bs.closed THEN pg_temp.bid('s', bs.c * 10 + 1) END,
            bs.opened_at, COALESCE(bs.closed_at, bs.opened_at)
       FROM bs JOIN "Movement" m ON m.id = pg_temp.bid('m', bs.c);

     INSERT INTO "SessionMember" ("sessionId", "userId", "fullName", position, title, "createdAt", "updatedAt")
     SELECT bs.id, cm."userId", u."fullName", cm.position, cm.title, bs.opened_at, bs.opened_at
       FROM bs JOIN "CouncilMember" cm ON cm."councilId" = pg_temp.bid('k', bs.c) JOIN "User" u ON u.id = cm."userId";

     INSERT INTO "SessionDossier" ("sessionId", "dossierId", position, entitled, voted, agree, disagree, passed, "createdAt", "updatedAt")
     SELECT bs.id, pg_temp.bid('d', x.n), x.ord - 1,
            CASE WHEN bs.closed THEN 3 END, CASE WHEN bs.closed THEN 3 END,
            CASE WHEN bs.closed THEN CASE WHEN d.state = 'council_failed' THEN 1 ELSE 3 END END,
            CASE WHEN bs.closed THEN CASE WHEN d.state = 'council_failed' THEN 2 ELSE 0 END END,
            CASE WHEN bs.closed THEN d.state <> 'council_failed' END,
            bs.opened_at, COALESCE(bs.closed_at, bs.opened_at)
       FROM bs CROSS JOIN LATERAL unnest(bs.ns) WITH ORDINALITY AS x(n, ord) JOIN bd d ON d.n = x.n;

     INSERT INTO "BallotReceipt" ("sessionId", "dossierId", "userId")
     SELECT bs.id, pg_temp.bid('d', x.n), pg_temp.bid('s', bs.c * 10 + j)
       FROM bs CROSS JOIN LATERAL unnest(bs.ns) AS x(n) CROSS JOIN generate_series(0, 2) AS j
      WHERE bs.closed OR pg_temp.rnd(x.n, 30 + j) < 0.5;

     INSERT INTO "Ballot" (id, "sessionId", "dossierId", key, choice)
     SELECT md5('ballot' || x.n || '-' || j)::uuid::text, bs.id, pg_temp.bid('d', x.n),
            'closed-' || (row_number() OVER (PARTITION BY bs.id ORDER BY md5('order' || x.n || '-' || j)) - 1),
            (CASE WHEN d.state = 'council_failed' AND j > 0 THEN 'disagree' ELSE 'agree' END)::"BallotChoice"
       FROM bs CROSS JOIN LATERAL unnest(bs.ns) AS x(n) JOIN bd d ON d.n = x.n CROSS JOIN generate_series(0, 2) AS j
      WHERE bs.closed;

     INSERT INTO bx
     SELECT pg_temp.bid('vo', bs.c * 3 + bs.slot), pg_temp.bid('u', bs.c * 10), bs.c, 0, 0, bs.opened_at, 1, 'session.OPEN', 'VotingSession', bs.id,
            NULL, 'open', NULL,
            jsonb_build_object('closesAt', pg_temp.iso(COALESCE(bs.closed_at, pg_temp.t0() + interval '3 days')), 'quorum', '2/3', 'threshold', '70/100',
              'members', jsonb_build_array(pg_temp.person(bs.c * 10, 11), pg_temp.person(bs.c * 10 + 1, 11), pg_temp.person(bs.c * 10 + 2, 11)),
              'dossiers', (SELECT jsonb_agg(pg_temp.bid('d', n) ORDER BY n) FROM unnest(bs.ns) AS n))
       FROM bs;
     INSERT INTO bx
     SELECT pg_temp.bid('vc', bs.c * 3 + bs.slot), pg_temp.bid('u', bs.c * 10), bs.c, 2147483647, 0, bs.closed_at, 1, 'session.CLOSE', 'VotingSession', bs.id,
            'open', 'closed', NULL,
            (SELECT jsonb_agg(jsonb_build_object('dossierId', pg_temp.bid('d', d.n), 'entitled', 3, 'voted', 3,
                      'agree', CASE WHEN d.state = 'council_failed' THEN 1 ELSE 3 END, 'disagree', CASE WHEN d.state = 'council_failed' THEN 2 ELSE 0 END,
                      'passed', d.state <> 'council_failed') ORDER BY d.n)
               FROM unnest(bs.ns) AS x(n) JOIN bd d ON d.n = x.n)
       FROM bs WHERE bs.closed`,
  );

  // Open sessions: the keys of the ballots already cast, from the server's secret and each session's salt.
  const secret = env().SESSION_SECRET;
  const { rows } = await client.query<{ sessionId: string; salt: string; dossierId: string; userId: string; choice: string }>(
    `SELECT r."sessionId", s."ballotSalt" AS salt, r."dossierId", r."userId",
            CASE WHEN pg_temp.rnd(hashtext(r."dossierId" || r."userId"), 41) < 0.8 THEN 'agree' ELSE 'disagree' END AS choice
       FROM "BallotReceipt" r JOIN "VotingSession" s ON s.id = r."sessionId" WHERE s.state = 'open'
      ORDER BY md5(r."dossierId" || r."userId")`,
  );
  await client.query(
    `INSERT INTO "Ballot" (id, "sessionId", "dossierId", key, choice)
     SELECT md5('open-ballot' || k)::uuid::text, s, d, k, c::"BallotChoice" FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS t(s, d, k, c)`,
    [
      rows.map((row) => row.sessionId),
      rows.map((row) => row.dossierId),
      rows.map((row) => ballotKey(secret, row.salt, row.dossierId, row.userId)),
      rows.map((row) => row.choice),
    ],
  );
}

type BatchRow = {
  c: number;
  n: string;
  k: string;
  state: "approved" | "awarded" | "forwarded";
  collective: boolean;
  nominee: string;
  position: string | null;
  unitName: string;
  approveAt: Date;
  issueAt: Date;
  meetingAt: Date;
  communeName: string;
  placeName: string;
  chairman: string;
  movementId: string;
  movementTitle: string;
  movementYear: number;
  legalBasis: string[];
};

/** A movement's basis line as a "Căn cứ" line (app/models/award-decision.server.ts `basisLine`). */
function basisLine(line: string): string {
  const text = line.trim().replace(/[.;,\s]+$/, "");
  return `${text.charAt(0).toLocaleUpperCase("vi-VN")}${text.slice(1)};`;
}

/**
 * Per commune, what the chairman signed for the quota's first five: one award decision ("01/QĐ-UBND") listing the
 * approved and awarded ones, half-way between their approval and the certificates; the certificates of the awarded
 * ones, their columns built and signed (Ed25519, CERTIFICATE_SIGNING_KEY) with the app's own functions; the
 * proposal sent up for the forwarded one ("01/TTr-UBND", its package's manifest hash not computed); the document
 * counters at the numbers used. Their audit rows go to `bx`.
 */
export async function decisionsAndCertificates(client: pg.Client, run: Run, log: (line: string) => void): Promise<void> {
  const started = performance.now();
  const { rows } = await client.query<BatchRow>(
    `SELECT d.c, d.n, d.k, d.state, d.collective, d.nominee, d.position, pg_temp.slot_name(d.s) AS "unitName",
            (d.t_last - CASE WHEN d.state = 'approved' THEN interval '0' ELSE d.gap * interval '1 day' END)::timestamp(3) AS "approveAt",
            (d.t_last + CASE WHEN d.state = 'approved' THEN d.gap * interval '1 day' ELSE interval '0' END)::timestamp(3) AS "issueAt",
            s."closedAt" AS "meetingAt", u.name AS "communeName", u."placeName", ch."fullName" AS chairman,
            m.id AS "movementId", m.title AS "movementTitle", m.year AS "movementYear", m."legalBasis"
       FROM bd d
       JOIN "OrgUnit" u ON u.id = pg_temp.bid('u', d.c * 10)
       JOIN "User" ch ON ch.id = pg_temp.bid('s', d.c * 10)
       JOIN "Movement" m ON m.id = pg_temp.bid('m', d.c)
       JOIN "VotingSession" s ON s.id = pg_temp.bid('v', d.c * 3)
      WHERE d.k <= 5 AND d.state IN ('approved', 'awarded', 'forwarded')
      ORDER BY d.c, d.n`,
  );
  // timestamp columns come back as local-time Dates in pg: the generator's session is UTC, the values are UTC.
  const utc = (value: Date) => new Date(value.getTime() - value.getTimezoneOffset() * 60_000);
  const byCommune = new Map<number, BatchRow[]>();
  for (const row of rows) {
    row.approveAt = utc(row.approveAt);
    row.issueAt = utc(row.issueAt);
    row.meetingAt = utc(row.meetingAt);
    byCommune.set(row.c, [...(byCommune.get(row.c) ?? []), row]);
  }

  const decisions: Record<string, unknown>[] = [];
  const entries: Record<string, unknown>[] = [];
  const certificates: Record<string, unknown>[] = [];
  const escalations: Record<string, unknown>[] = [];
  const counters: Record<string, unknown>[] = [];
  const audit: Record<string, unknown>[] = [];
  const serials = new Set<string>();
  // bench/province.ts benchId (pg_temp.bid in SQL).
  const id = (kind: string, n: number | string) => `c${createHash("md5").update(`${kind}${n}`).digest("hex").slice(0, 24)}`;
  const isoAt = (date: Date) => date.toISOString();

  for (const [c, batch] of byCommune) {
    const first = batch[0]!;
    const communeId = id("u", c * 10);
    const chairmanId = id("s", c * 10);
    const decided = batch.filter((row) => row.state !== "forwarded");
    const approveAt = decided[0]?.approveAt ?? first.approveAt;
    const issueAt = decided[0]?.issueAt ?? first.issueAt;
    const decidedAt = new Date(Math.round((approveAt.getTime() + issueAt.getTime()) / 2));
    if (decided.length > 0) {
      const decisionId = id("Q", c);
      const year = vietnamYear(decidedAt);
      const number = documentNumber(1, DECISION_SERIES);
      // Individuals first, then collectives, each in creation order (signAwardDecision's order).
      const listed = [...decided].sort((a, b) => Number(a.collective) - Number(b.collective) || Number(a.n) - Number(b.n));
      decisions.push({
        id: decisionId,
        unitId: communeId,
        movementId: first.movementId,
        year,
        sequence: 1,
        number,
        decidedAt: isoAt(decidedAt),
        subject: decisionSubject(
          { title: first.movementTitle, year: first.movementYear },
          listed.map((row) => (row.collective ? "collective" : "individual")),
        ),
        legalBasis: [
          ...defaultDecisionLegalBasis(decidedAt),
          ...first.legalBasis.filter((line) => line.trim()).map(basisLine),
          `Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng xã ngày ${formatDate(first.meetingAt)};`,
          "Theo đề nghị của Văn phòng Ủy ban nhân dân xã (Thường trực Hội đồng Thi đua - Khen thưởng xã).",
        ],
        recipients: DEFAULT_RECIPIENTS,
        signerId: chairmanId,
        signerName: first.chairman,
        signerTitle: "CHỦ TỊCH",
      });
      counters.push({ unitId: communeId, year, series: DECISION_SERIES, last: 1, at: isoAt(decidedAt) });
      audit.push({
        id: id("QS", c),
        chain: communeId,
        c,
        n: 0,
        i: 0,
        at: isoAt(decidedAt),
        j: 0,
        action: "decision.SIGN",
        entity_type: "AwardDecision",
        entity_id: decisionId,
        data: {
          number,
          year,
          movementId: first.movementId,
          dossierIds: listed.map((row) => id("d", row.n)),
          signer: "CHỦ TỊCH",
          delegationId: null,
          prizeAmount: null,
        },
      });
      let certificateSequence = 0;
      const issueYear = vietnamYear(issueAt);
      for (const [index, row] of listed.entries()) {
        const dossierId = id("d", row.n);
        const detail = awardeeDetail({
          kind: row.collective ? "collective" : "individual",
          nominee: { name: row.nominee, position: row.position },
          unit: { name: row.unitName },
          report: { position: row.position, unitName: row.unitName },
        });
        entries.push({
          id: id("QE", row.n),
          decisionId,
          dossierId,
          position: index + 1,
          kind: row.collective ? "collective" : "individual",
          name: row.nominee,
          detail,
          at: isoAt(decidedAt),
        });
        audit.push({
          id: id("QI", row.n),
          chain: communeId,
          c,
          n: 0,
          i: index + 1,
          at: isoAt(decidedAt),
          j: 0,
          action: "decision.INCLUDE",
          entity_type: "Dossier",
          entity_id: dossierId,
          data: { decisionId, number },
        });
        if (row.state !== "awarded") continue;
        certificateSequence++;
        let serial = makeSerial(row.placeName, issueYear, certificateSequence);
        while (serials.has(serial)) serial = makeSerial(row.placeName, issueYear, certificateSequence);
        serials.add(serial);
        const columns = {
          serial,
          dossierId,
          decisionId,
          unitId: communeId,
          goldenBookNumber: `${String(certificateSequence).padStart(3, "0")}/${issueYear}`,
          honorific: row.collective ? null : "Ông/Bà",
          recipientName: row.nominee,
          recipientDetail: detail,
          achievement: `Đã có thành tích xuất sắc trong phong trào thi đua “${row.movementTitle}” năm ${row.movementYear}`,
          awardForm: `Giấy khen của Chủ tịch ${authorityName(row.communeName)}`,
          issuerName: `CHỦ TỊCH ${upperVi(authorityName(row.communeName))}`,
          place: row.placeName,
          decisionNumber: number,
          decisionDate: decidedAt,
          signerTitle: "CHỦ TỊCH",
          signerName: row.chairman,
          onBehalf: false,
          issuedAt: issueAt,
        };
        const { signature, keyId } = signPayload(certificatePayload(columns));
        certificates.push({
          ...columns,
          id: id("g", row.n),
          decisionDate: isoAt(decidedAt),
          issuedAt: isoAt(issueAt),
          issuedById: chairmanId,
          signature,
          keyId,
        });
      }
      if (certificateSequence > 0)
        counters.push({ unitId: communeId, year: issueYear, series: CERTIFICATE_SERIES, last: certificateSequence, at: isoAt(issueAt) });
    }
    const forwarded = batch.filter((row) => row.state === "forwarded");
    for (const [index, row] of forwarded.entries()) {
      const escalationId = id("X", row.n);
      const year = vietnamYear(row.issueAt);
      const number = documentNumber(index + 1, PROPOSAL_SERIES);
      escalations.push({
        id: escalationId,
        dossierId: id("d", row.n),
        fromUnitId: communeId,
        toUnitId: id("u", 0),
        year,
        sequence: index + 1,
        number,
        proposedAt: isoAt(row.issueAt),
        proposedById: chairmanId,
        signerName: row.chairman,
      });
      audit.push({
        id: id("XC", row.n),
        chain: communeId,
        c,
        n: Number(row.n),
        i: 100,
        at: isoAt(row.issueAt),
        j: 0,
        action: "escalation.CREATE",
        entity_type: "Escalation",
        entity_id: escalationId,
        data: { dossierId: id("d", row.n), number, toUnitId: id("u", 0), toUnit: PROVINCE_NAME, routingNote: null },
      });
    }
    if (forwarded.length > 0)
      counters.push({
        unitId: communeId,
        year: vietnamYear(forwarded[0]!.issueAt),
        series: PROPOSAL_SERIES,
        last: forwarded.length,
        at: isoAt(forwarded[0]!.issueAt),
      });
  }
  log(`  ${"decisions, certificates (built, signed)".padEnd(44)} ${((performance.now() - started) / 1000).toFixed(1)} s`);

  await run(
    "decisions, certificates, proposals (insert)",
    [
      `INSERT INTO "AwardDecision" (id, "unitId", "movementId", year, sequence, number, "decidedAt", subject, "legalBasis", recipients,
                                    "signerId", "signerName", "signerTitle", "onBehalf", "createdAt", "updatedAt")
       SELECT id, "unitId", "movementId", year, sequence, number, "decidedAt", subject, "legalBasis", recipients,
              "signerId", "signerName", "signerTitle", false, "decidedAt", "decidedAt"
         FROM jsonb_to_recordset($1::jsonb) AS t(id text, "unitId" text, "movementId" text, year int, sequence int, number text, "decidedAt" timestamp(3),
              subject text, "legalBasis" text[], recipients text[], "signerId" text, "signerName" text, "signerTitle" text)`,
      [JSON.stringify(decisions)],
    ],
    [
      `INSERT INTO "AwardDecisionEntry" (id, "decisionId", "dossierId", position, kind, name, detail, "awardForm", "createdAt", "updatedAt")
       SELECT id, "decisionId", "dossierId", position, kind::"NomineeKind", name, detail, 'commune_chairman_certificate', at, at
         FROM jsonb_to_recordset($1::jsonb) AS t(id text, "decisionId" text, "dossierId" text, position int, kind text, name text, detail text, at timestamp(3))`,
      [JSON.stringify(entries)],
    ],
    [
      `INSERT INTO "Certificate" (id, serial, "dossierId", "decisionId", "unitId", "goldenBookNumber", honorific, "recipientName", "recipientDetail",
                                  achievement, "awardForm", "issuerName", place, "decisionNumber", "decisionDate", "signerTitle", "signerName",
                                  "onBehalf", "issuedAt", "issuedById", signature, "keyId", "createdAt", "updatedAt")
       SELECT id, serial, "dossierId", "decisionId", "unitId", "goldenBookNumber", honorific, "recipientName", "recipientDetail",
              achievement, "awardForm", "issuerName", place, "decisionNumber", "decisionDate", "signerTitle", "signerName",
              "onBehalf", "issuedAt", "issuedById", signature, "keyId", "issuedAt", "issuedAt"
         FROM jsonb_to_recordset($1::jsonb) AS t(id text, serial text, "dossierId" text, "decisionId" text, "unitId" text, "goldenBookNumber" text,
              honorific text, "recipientName" text, "recipientDetail" text, achievement text, "awardForm" text, "issuerName" text, place text,
              "decisionNumber" text, "decisionDate" timestamp(3), "signerTitle" text, "signerName" text, "onBehalf" boolean, "issuedAt" timestamp(3),
              "issuedById" text, signature text, "keyId" text)`,
      [JSON.stringify(certificates)],
    ],
    [
      `INSERT INTO "Escalation" (id, "dossierId", "fromUnitId", "toUnitId", year, sequence, number, "proposedAt", "proposedById", "signerName",
                                 "signerTitle", "createdAt", "updatedAt")
       SELECT id, "dossierId", "fromUnitId", "toUnitId", year, sequence, number, "proposedAt", "proposedById", "signerName", 'CHỦ TỊCH',
              "proposedAt", "proposedAt"
         FROM jsonb_to_recordset($1::jsonb) AS t(id text, "dossierId" text, "fromUnitId" text, "toUnitId" text, year int, sequence int, number text,
              "proposedAt" timestamp(3), "proposedById" text, "signerName" text)`,
      [JSON.stringify(escalations)],
    ],
    [
      `INSERT INTO "DocumentCounter" ("unitId", year, series, last, "createdAt", "updatedAt")
       SELECT "unitId", year, series, last, at, at FROM jsonb_to_recordset($1::jsonb) AS t("unitId" text, year int, series text, last int, at timestamp(3))`,
      [JSON.stringify(counters)],
    ],
    [
      `INSERT INTO bx SELECT id, chain, c, n, i, at, j, action, entity_type, entity_id, NULL, NULL, NULL, data
         FROM jsonb_to_recordset($1::jsonb) AS t(id text, chain text, c int, n bigint, i int, at timestamp(3), j int, action text,
              entity_type text, entity_id text, data jsonb)`,
      [JSON.stringify(audit)],
    ],
  );
}

/**
 * The outbox rows the transitions enqueued (app/models/notification.server.ts: who hears of what), already sent,
 * most of those older than 3 days read; and the browsers signed in: one live session per user, an expired one for
 * half of them. Runs after the audit trail is staged (`be`, with each row's commune and dossier number).
 */
export async function notificationsAndSignIns(run: Run, movementTitle: string): Promise<void> {
  await run(
    "notifications, sign-in sessions",
    `INSERT INTO "Notification" (id, kind, "recipientId", "dossierId", payload, status, attempts, "nextAttemptAt", "sentAt", "readAt", "messageId",
                                 "createdAt", "updatedAt")
     SELECT 'c' || substr(md5('N' || be.id || '-' || r.j), 1, 24), r.kind, pg_temp.bid('s', be.c * 10 + r.j),
            CASE WHEN be.entity_type = 'Dossier' THEN be.entity_id END,
            CASE WHEN be.entity_type = 'Dossier' THEN
              jsonb_build_object('dossierId', be.entity_id, 'nomineeName', d.nominee, 'movementTitle', ${literal(movementTitle)}, 'state', be.to_state,
                'reason', be.reason, 'dueAt', NULL, 'path', '/ho-so/' || be.entity_id)
            ELSE jsonb_build_object('sessionId', be.entity_id, 'movementTitle', ${literal(movementTitle)}, 'path', '/bo-phieu/' || be.entity_id) END,
            'sent', 1, be.at, be.at + interval '1 minute',
            CASE WHEN be.at < pg_temp.t0() - interval '3 days' AND pg_temp.rnd(hashtext(be.id), r.j) < 0.9 THEN be.at + interval '5 hours' END,
            '<' || md5(be.id || r.j) || '@bench.example.vn>', be.at, be.at + interval '1 minute'
       FROM be
       LEFT JOIN bd d ON d.n = be.n AND be.entity_type = 'Dossier'
       CROSS JOIN LATERAL (
         SELECT * FROM (VALUES
           ('dossier.SUBMIT', 'dossier_submitted', 1), ('dossier.RETURN_FOR_SUPPLEMENT', 'dossier_returned', COALESCE(d.s, 0) + 1),
           ('dossier.CLOSE_VOTE', CASE WHEN be.to_state = 'council_passed' THEN 'awaiting_signature' ELSE 'dossier_council_failed' END,
              CASE WHEN be.to_state = 'council_passed' THEN 0 ELSE COALESCE(d.s, 0) + 1 END),
           ('dossier.APPROVE', 'dossier_approved', COALESCE(d.s, 0) + 1), ('dossier.REJECT', 'dossier_rejected', COALESCE(d.s, 0) + 1),
           ('dossier.ISSUE_CERTIFICATE', 'certificate_issued', COALESCE(d.s, 0) + 1),
           ('session.OPEN', 'vote_opened', 0), ('session.OPEN', 'vote_opened', 1), ('session.OPEN', 'vote_opened', 2),
           ('session.CLOSE', 'session_closed', 0), ('session.CLOSE', 'session_closed', 1)
         ) AS v(action, kind, j) WHERE v.action = be.action
       ) AS r;

     INSERT INTO "Session" (id, "userId", "expiresAt", "createdAt", "updatedAt")
     SELECT md5('session' || u.id || k) || md5('session-b' || u.id || k), u.id,
            CASE k WHEN 1 THEN pg_temp.t0() + interval '5 days' ELSE pg_temp.t0() - interval '10 days' END,
            CASE k WHEN 1 THEN pg_temp.t0() - interval '2 days' ELSE pg_temp.t0() - interval '17 days' END, pg_temp.t0()
       FROM "User" u CROSS JOIN generate_series(1, 2) AS k
      WHERE k = 1 OR pg_temp.rnd(hashtext(u.id), 51) < 0.5`,
  );
}

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
