// How long a sign-in must wait after failures (docs/decisions/015-throttling-versions-idempotency.md).
// Growing delays instead of a lockout: an attacker is slowed, the rightful user waits minutes at most,
// and an address where the account signed in before is not held back by failures from elsewhere.
// The counts live in the database (LoginAttempt), so they hold across app servers.
import { prisma } from "./db.server.ts";

export const THROTTLE = {
  /** Failures of one account (from one address, or from unknown addresses) before the first wait. */
  perUsername: 5,
  /** Failures from one address, across accounts, before the first wait. */
  perIp: 20,
  /** The first wait; each further failure doubles it, up to the cap. */
  firstDelayMinutes: 1,
  maxDelayMinutes: 30,
  /** Failures older than this no longer count. */
  windowHours: 24,
  /** An address where the account signed in within this many days is its own: others' failures do not hold it back. */
  knownAddressDays: 90,
} as const;

const MINUTE = 60_000;

/** The wait after `failures` failures (the last at `last`) against a threshold: the moment the next try is allowed. */
export function allowedAt(failures: number, last: Date | null, threshold: number): Date | null {
  if (failures < threshold || !last) return null;
  const minutes = Math.min(THROTTLE.firstDelayMinutes * 2 ** (failures - threshold), THROTTLE.maxDelayMinutes);
  return new Date(last.getTime() + minutes * MINUTE);
}

const latest = (...dates: Array<Date | null | undefined>) => new Date(Math.max(...dates.map((date) => date?.getTime() ?? 0)));

async function failuresSince(where: { username?: string; ip?: string }, since: Date) {
  const found = await prisma.loginAttempt.aggregate({
    where: { ...where, success: false, createdAt: { gte: since } },
    _count: { _all: true },
    _max: { createdAt: true },
  });
  return { count: found._count._all, last: found._max.createdAt };
}

/**
 * When this account may try again from this address, or null if it may now. Three counts:
 * the account from this address (always), and — unless the address is the account's own — the account
 * from anywhere and the address across accounts. An administrator's unlock resets all three for the account.
 */
export async function signInAllowedAt(
  username: string,
  ip: string,
  { unlockedAt, now }: { unlockedAt: Date | null; now: Date },
): Promise<Date | null> {
  const window = new Date(now.getTime() - THROTTLE.windowHours * 3600_000);
  const [lastHere, lastAnywhere] = await Promise.all([
    prisma.loginAttempt.findFirst({
      where: { username, ip, success: true },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true },
    }),
    prisma.loginAttempt.findFirst({ where: { username, success: true }, orderBy: { createdAt: "desc" }, select: { createdAt: true } }),
  ]);
  const knownAddress = lastHere !== null && lastHere.createdAt.getTime() > now.getTime() - THROTTLE.knownAddressDays * 24 * 3600_000;

  const here = await failuresSince({ username, ip }, latest(window, unlockedAt, lastHere?.createdAt));
  const waits = [allowedAt(here.count, here.last, THROTTLE.perUsername)];
  if (!knownAddress) {
    const [account, address] = await Promise.all([
      failuresSince({ username }, latest(window, unlockedAt, lastAnywhere?.createdAt)),
      failuresSince({ ip }, latest(window, unlockedAt)),
    ]);
    waits.push(allowedAt(account.count, account.last, THROTTLE.perUsername), allowedAt(address.count, address.last, THROTTLE.perIp));
  }
  const until = waits.filter((date): date is Date => date !== null && date > now).sort((a, b) => b.getTime() - a.getTime())[0];
  return until ?? null;
}

export function waitMessage(until: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / MINUTE));
  return `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${minutes} phút.`;
}

/** Failed sign-ins of an account since its last success or unlock (the administration page shows them). */
export async function recentSignInFailures(username: string, unlockedAt: Date | null, now = new Date()) {
  const window = new Date(now.getTime() - THROTTLE.windowHours * 3600_000);
  const lastSuccess = await prisma.loginAttempt.findFirst({
    where: { username, success: true },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  return failuresSince({ username }, latest(window, unlockedAt, lastSuccess?.createdAt));
}
