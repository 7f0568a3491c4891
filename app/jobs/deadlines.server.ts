// Deadlines are data (Dossier.dueAt, in working days), checked by this job — never XState timers,
// which would not survive a restart. Each run reports dossiers that became overdue, once per state.
import { WAITING_STATES } from "#machines/index.ts";
import { formatDateTime } from "~/utils/format.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";
import { enqueueNotifications, usersWithRole } from "~/models/notification.server.ts";

export async function reportOverdueDossiers(now = new Date()): Promise<number> {
  return prisma.$transaction(async (tx) => {
    // SKIP LOCKED: two app servers running the job at once report each dossier once.
    const rows = await tx.$queryRaw<Array<{ id: string; movementUnitId: string; nomineeName: string; dueAt: Date; state: string }>>`
      SELECT d.id, m."unitId" AS "movementUnitId", n.name AS "nomineeName", d."dueAt", d.state::text AS state
        FROM "Dossier" d
        JOIN "Movement" m ON m.id = d."movementId"
        JOIN "Nominee" n ON n.id = d."nomineeId"
       WHERE d.state::text IN (${WAITING_STATES[0]}, ${WAITING_STATES[1]}, ${WAITING_STATES[2]}, ${WAITING_STATES[3]})
         AND d."dueAt" < ${now} AND d."overdueAt" IS NULL
       ORDER BY d."dueAt"
       LIMIT 500
         FOR UPDATE OF d SKIP LOCKED`;
    if (rows.length === 0) return 0;
    await tx.dossier.updateMany({ where: { id: { in: rows.map((row) => row.id) } }, data: { overdueAt: now } });

    // One digest per commune to its secretaries.
    const byCommune = new Map<string, typeof rows>();
    for (const row of rows) byCommune.set(row.movementUnitId, [...(byCommune.get(row.movementUnitId) ?? []), row]);
    for (const [unitId, dossiers] of byCommune) {
      const payload: Prisma.InputJsonObject = {
        count: dossiers.length,
        dossiers: dossiers.map((d) => ({
          id: d.id,
          nomineeName: d.nomineeName,
          state: d.state,
          dueAt: formatDateTime(d.dueAt),
          path: `/ho-so/${d.id}`,
        })),
        path: "/qua-han",
      };
      await enqueueNotifications(tx, { kind: "overdue_digest", recipientIds: await usersWithRole(tx, ["secretary"], unitId), payload });
    }
    return rows.length;
  });
}
