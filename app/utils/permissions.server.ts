// Guards that throw responses for a route, where the scope of a role comes from a record: who may act
// on this movement, this dossier. (Plain role and unit checks are requireRole in auth.server.ts.)
import { NOT_FOUND, movementUnitId } from "~/models/movement.server.ts";
import { requireRole, type CurrentUser } from "./auth.server.ts";
import { invariantResponse } from "./http.ts";

/** The secretary of a movement's commune (403 otherwise, 404 when there is no such movement), and that commune. */
export async function requireMovementSecretary(request: Request, movementId: string): Promise<{ user: CurrentUser; unitId: string }> {
  const unitId = await movementUnitId(movementId);
  invariantResponse(unitId, NOT_FOUND, { status: 404 });
  const user = await requireRole(request, "secretary", unitId);
  return { user, unitId };
}
