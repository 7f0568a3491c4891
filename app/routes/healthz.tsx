// Health check for load balancers (and the baseline of bench/): 200 "ok" once the database answers
// `SELECT 1` through Prisma, 503 otherwise. No session, no page: the cheapest request that touches the database.
import { pingDatabase } from "~/utils/db.server.ts";

/** A load balancer's check must not hang on a database that does not answer. */
const TIMEOUT_MS = 3000;

const headers = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" };

export async function loader() {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timeout")), TIMEOUT_MS);
  });
  try {
    await Promise.race([pingDatabase(), timeout]);
    return new Response("ok", { status: 200, headers });
  } catch {
    return new Response("Cơ sở dữ liệu không phản hồi.", { status: 503, headers });
  } finally {
    clearTimeout(timer);
  }
}
