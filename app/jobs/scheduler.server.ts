// Periodic jobs run inside every app server. Each job is safe to run on several servers at
// once (rows are claimed with FOR UPDATE SKIP LOCKED or the work is idempotent), so no leader is needed.
import { purgeExpiredSessions } from "~/models/session.server.ts";
import { reportOverdueDossiers } from "./deadlines.server.ts";
import { closeDueSessions, remindMembers } from "./voting.server.ts";

export type Job = { name: string; everyMs: number; run: (now: Date) => Promise<unknown> };

export const JOBS: Job[] = [
  { name: "hồ sơ quá hạn", everyMs: 5 * 60_000, run: reportOverdueDossiers },
  { name: "gửi thư thông báo", everyMs: 10_000, run: async () => (await import("./outbox.server.ts")).deliverOutbox() }, // decision 005
  { name: "đóng phiên bỏ phiếu đến giờ", everyMs: 60_000, run: closeDueSessions },
  { name: "nhắc thành viên chưa bỏ phiếu", everyMs: 5 * 60_000, run: remindMembers },
  { name: "xoá phiên đăng nhập hết hạn", everyMs: 60 * 60_000, run: purgeExpiredSessions },
];

/** Starts every job; returns a function that stops them. */
export function startJobs(jobs: Job[] = JOBS): () => void {
  const timers = jobs.map((job) => {
    let running = false;
    const tick = async () => {
      if (running) return; // a slow run is never overlapped by the next one
      running = true;
      try {
        await job.run(new Date());
      } catch (error) {
        console.error(`Tác vụ «${job.name}» lỗi:`, error);
      } finally {
        running = false;
      }
    };
    void tick();
    return setInterval(tick, job.everyMs);
  });
  return () => timers.forEach(clearInterval);
}
