// npm run audit:verify — walks every commune's audit chain and reports the first broken link.
import { verifyAuditTrail } from "~/models/audit.server.ts";
import { database } from "~/utils/db.server.ts";

const db = database();
try {
  const report = await verifyAuditTrail(db.prisma);
  if (report.firstBreak) {
    const { chainId, seq, eventId, problem } = report.firstBreak;
    console.error(`Nhật ký KHÔNG toàn vẹn: chuỗi ${chainId}, bản ghi số ${seq}${eventId ? ` (id ${eventId})` : ""}: ${problem}.`);
    process.exitCode = 1;
  } else {
    console.log(`Nhật ký toàn vẹn: ${report.events} bản ghi trong ${report.chains} chuỗi, không có liên kết nào bị phá vỡ.`);
  }
} finally {
  await db.close();
}
