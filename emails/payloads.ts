// The payload of each notification kind: what is captured in Notification.payload when the event
// happens, and what its template reads. Whoever enqueues a kind writes exactly this shape; the sender
// checks it with these schemas before rendering (a row that does not match fails, it is never half-rendered).
// Extra keys are allowed and ignored. Instants are ISO 8601 strings (UTC); templates show them in Vietnam's time.
import { z } from "zod";

const path = z.string().startsWith("/");
const isoInstant = z.iso.datetime({ offset: true });

/**
 * Every dossier transition (app/models/notification.server.ts, enqueueDossierNotifications):
 * dossier_submitted, dossier_resubmitted, dossier_returned, dossier_council_failed, awaiting_signature,
 * dossier_approved, dossier_rejected, certificate_issued.
 */
export const DossierPayloadSchema = z.looseObject({
  dossierId: z.string(),
  /** Người / tập thể được đề nghị. */
  nomineeName: z.string(),
  movementTitle: z.string(),
  /** The state entered (DossierState). */
  state: z.string(),
  /** Lý do: of a return for supplement, of a rejection. */
  reason: z.string().nullish(),
  /** When the state just entered is due (working days), ISO; null when nobody waits. */
  dueAt: isoInstant.nullish(),
  /** The dossier's page, e.g. "/ho-so/<id>". */
  path,
});
export type DossierPayload = z.infer<typeof DossierPayloadSchema>;

/** overdue_digest (app/jobs/deadlines.server.ts): one per commune to its secretaries. */
export const OverdueDigestPayloadSchema = z.looseObject({
  count: z.number().int().nonnegative(),
  dossiers: z.array(
    z.looseObject({
      id: z.string(),
      nomineeName: z.string(),
      state: z.string(),
      /** The due date: ISO, or already formatted "dd/mm/yyyy HH:mm". */
      dueAt: z.string(),
      path,
    }),
  ),
  /** "/qua-han" */
  path,
});
export type OverdueDigestPayload = z.infer<typeof OverdueDigestPayloadSchema>;

/** Fields of the three voting kinds (enqueued by the council voting module). */
const votingSession = {
  /** VotingSession.id */
  sessionId: z.string(),
  movementTitle: z.string(),
  /** When the vote closes (vote_opened, vote_reminder) or closed (session_closed), ISO. */
  closesAt: isoInstant,
  /** The session's page, e.g. "/bo-phieu/<id>". */
  path,
  /** VotingSession.title, e.g. "Phiên họp xét khen thưởng đợt 1" (optional). */
  title: z.string().nullish(),
};

/** vote_opened: to each council member entitled to vote in the session. */
export const VoteOpenedPayloadSchema = z.looseObject({
  ...votingSession,
  /** Dossiers on the ballot (optional). */
  dossierCount: z.number().int().nonnegative().optional(),
  /** Nominees of the dossiers on the ballot (optional, shown as a list). */
  nomineeNames: z.array(z.string()).optional(),
});
export type VoteOpenedPayload = z.infer<typeof VoteOpenedPayloadSchema>;

/** vote_reminder: to the members of the session who have not voted yet. */
export const VoteReminderPayloadSchema = z.looseObject({
  ...votingSession,
  /** Dossiers the member has not voted on yet (optional). */
  remaining: z.number().int().nonnegative().optional(),
});
export type VoteReminderPayload = z.infer<typeof VoteReminderPayloadSchema>;

/** session_closed: to the secretary and the chairman, with the tallies. */
export const SessionClosedPayloadSchema = z.looseObject({
  ...votingSession,
  /** When the session closed, ISO (optional: the email then says only that it is closed). */
  closesAt: isoInstant.nullish(),
  /** Dossiers passed / not passed (optional when `results` is given). */
  passed: z.number().int().nonnegative().optional(),
  failed: z.number().int().nonnegative().optional(),
  /** Whether the quorum was reached; without it nothing passes. */
  quorumMet: z.boolean().optional(),
  /** One line per dossier: the tally and whether it passed. */
  results: z
    .array(
      z.looseObject({
        nomineeName: z.string(),
        passed: z.boolean(),
        agree: z.number().int().nonnegative(),
        voted: z.number().int().nonnegative(),
        /** Members entitled to vote on this dossier (recusals excluded). */
        members: z.number().int().nonnegative(),
      }),
    )
    .default([]),
  /** When the decision on the passed dossiers is due, ISO (optional). */
  dueAt: isoInstant.nullish(),
});
export type SessionClosedPayload = z.infer<typeof SessionClosedPayloadSchema>;

/** paper_count_entered: to the chairman, who must confirm the counted results of a paper ballot before they count. */
export const PaperCountEnteredPayloadSchema = z.looseObject({
  /** VotingSession.id */
  sessionId: z.string(),
  movementTitle: z.string(),
  title: z.string().nullish(),
  /** Who entered the count (the secretary), and when, ISO. */
  countedBy: z.string(),
  countedAt: isoInstant,
  /** A correction of counts entered before (the chairman may have seen the first ones). */
  corrected: z.boolean().default(false),
  /** One line per dossier, as counted. */
  results: z
    .array(
      z.looseObject({
        nomineeName: z.string(),
        issued: z.number().int().nonnegative(),
        returned: z.number().int().nonnegative(),
        valid: z.number().int().nonnegative(),
        agree: z.number().int().nonnegative(),
        disagree: z.number().int().nonnegative(),
      }),
    )
    .default([]),
  /** The counting page, "/bo-phieu/<id>/kiem-phieu". */
  path,
});
export type PaperCountEnteredPayload = z.infer<typeof PaperCountEnteredPayloadSchema>;
