// The hidden field of an edit form that carries the version the user started from (the row's updatedAt,
// or "new"): a save over someone else's newer save is refused, and the user's text stays in the form.
export const REVISION_FIELD = "revision";

/** The revision a form sends for a row (its updatedAt), or for a row not yet saved. */
export function revisionOf(updatedAt: Date | null | undefined): string {
  return updatedAt ? updatedAt.toISOString() : "new";
}

/** The revision a posted form started from, or null when it sent none (an old page, a script). */
export function postedRevision(formData: FormData): string | null {
  const value = formData.get(REVISION_FIELD);
  return typeof value === "string" && value.length > 0 ? value : null;
}
