import type { ActionMessage } from "~/utils/result.ts";

/**
 * The message of a refused form (app/utils/result.ts ActionMessage), announced to screen readers.
 * With `target`, only the message about that form; with `orphanOf`, a message about none of the forms
 * still on the page (the dossier left the list since), shown once at the top.
 */
export function FormMessage({
  data,
  target,
  orphanOf,
}: {
  data: ActionMessage | undefined | null;
  target?: string | null;
  orphanOf?: Iterable<string>;
}) {
  if (!data?.message) return null;
  if (target !== undefined && data.target !== target) return null;
  if (orphanOf !== undefined && data.target !== null && new Set(orphanOf).has(data.target)) return null;
  return (
    <p className="form-error" role="alert">
      {data.message}
    </p>
  );
}
