// Search without tone marks, as people type on a phone or an office keyboard: "nguyen van" finds
// "Nguyễn Văn", "d" finds "đ". Names are stored beside a folded copy (a `search…` column, kept by the
// model that writes the name) under a trigram index (pg_trgm), so `contains` on the folded copy is an
// index scan on PGlite and on PostgreSQL alike. Pure: the browser may use it too.

/** "Nguyễn  Văn Đức" → "nguyen van duc": lower case, no tone or vowel marks, đ → d, single spaces. */
export function foldForSearch(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The folded text as the value of a Prisma `contains` filter. Prisma passes it into LIKE '%…%' as is, so
 * "%" and "_" would be wildcards (a search for "_" would find every name): they are escaped to match themselves.
 */
export function containsText(text: string): string {
  return escapeLike(foldForSearch(text));
}

/** Escapes LIKE's wildcards and its escape character (PostgreSQL's default escape is the backslash). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
