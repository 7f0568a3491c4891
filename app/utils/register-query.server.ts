// Which register a request asks for: ?don-vi=<unit>&nam=<year>, defaulting to the user's first unit and this year.
import { registerUnits } from "~/models/register.server.ts";
import type { CurrentUser } from "./auth.server.ts";
import { readListQuery } from "./list-query.ts";

export async function registerQuery(user: CurrentUser, request: Request) {
  const query = readListQuery(new URL(request.url).searchParams, { sorts: [""] });
  const units = await registerUnits(user);
  // A unit asked for by name must be one of the user's; none asked: their first.
  const unit = query.unitId ? (units.find((u) => u.id === query.unitId) ?? null) : (units[0] ?? null);
  const year = query.year ?? new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
  return { units, unitId: unit?.id ?? null, year };
}
