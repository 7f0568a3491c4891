import type { ShouldRevalidateFunction } from "@remix-run/react";
import { REVISION_FIELD } from "~/forms/revision.ts";

/**
 * The version the form was opened at, from the loader (not from the last answer): after a refused stale
 * save the page shows the newer version's revision, so saving again on purpose overwrites it.
 */
export function RevisionField({ value }: { value: string }) {
  return <input type="hidden" name={REVISION_FIELD} value={value} />;
}

/**
 * The `shouldRevalidate` of a route whose forms carry a RevisionField. With single fetch Remix does not reload
 * a page's data after a 4xx answer; after a refused stale save (409) it must, or the page keeps the old revision
 * and every later save is refused again. The typed values stay: they come from the answer, not the loader.
 * Other refusals (400, 422 …) still skip the reload, as before.
 */
export const revalidateAfterStaleSave: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus !== undefined && actionStatus >= 400 ? actionStatus === 409 : defaultShouldRevalidate;
