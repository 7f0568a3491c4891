// The key under which a member's secret ballot is stored (docs/decisions/006-secret-ballot.md).
import { createHmac } from "node:crypto";
import { env } from "~/utils/env.server.ts";

/**
 * An HMAC under a key derived from the server's secret and the session's salt. The tables alone cannot link a
 * ballot to its voter; once the salt is erased at closing, nobody can.
 */
export function ballotKey(salt: string, dossierId: string, userId: string): string {
  const sessionKey = createHmac("sha256", env().SESSION_SECRET).update(`ballot-salt:${salt}`).digest();
  return createHmac("sha256", sessionKey).update(`${dossierId}:${userId}`).digest("hex");
}
