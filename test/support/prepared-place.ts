// A fresh server place (test/support/server.ts serverPlace) prepared in this process as `npm start` would
// prepare it, before a server starts on it. The test process keeps the place's data folder as its DATA_DIR: the
// server and the test then share the secrets, the signing key and the attachments.
import { openDatabase, useDatabase } from "~/utils/db.server.ts";
import { prepareDatabase } from "~/utils/startup.server.ts";
import { advanceDemoCommune } from "./demo-flow.ts";
import { serverPlace, type ServerPlace } from "./server.ts";

export type AdvancedDemo = Awaited<ReturnType<typeof advanceDemoCommune>>;

/**
 * `demo`: "advanced" — the demo commune carried on to a decision, certificates and an open session
 * (test/support/demo-flow.ts); "loaded" — the demo commune as `npm start` loads it; "none" — migrated, empty.
 * `then`: more set-up on the same database before it closes (revocations, other communes, sessions' cookies).
 */
export async function preparedPlace<T = undefined>(
  prefix: string,
  { demo = "advanced", then }: { demo?: "advanced" | "loaded" | "none"; then?: (advanced: AdvancedDemo | null) => Promise<T> } = {},
): Promise<{ place: ServerPlace; prepared: T }> {
  const place = await serverPlace(prefix);
  process.env.DATA_DIR = place.dataDir;
  try {
    const db = openDatabase(place.url ? { url: place.url } : { dataDir: place.dataDir });
    useDatabase(db);
    try {
      await prepareDatabase(db, { demoData: demo !== "none" });
      const advanced = demo === "advanced" ? await advanceDemoCommune() : null;
      return { place, prepared: (then ? await then(advanced) : undefined) as T };
    } finally {
      useDatabase(undefined);
      await db.close();
    }
  } catch (error) {
    await place.remove();
    throw error;
  }
}
