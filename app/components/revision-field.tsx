import { REVISION_FIELD } from "~/forms/revision.ts";

/**
 * The version the form was opened at, from the loader (not from the last answer): after a refused stale
 * save the page shows the newer version's revision, so saving again on purpose overwrites it.
 */
export function RevisionField({ value }: { value: string }) {
  return <input type="hidden" name={REVISION_FIELD} value={value} />;
}
