// Where a page may send the browser after sign-in (or a password change): a path of this site only.
// A browser removes tabs and line breaks from a URL, reads "\" as "/", and treats "//host" as another
// site — so "/%09/evil.example" (decoded: "/\t/evil.example") lands on evil.example. The target is
// checked as the browser will read it, and rebuilt from the parsed path, so nothing else gets through.

const BASE = "http://same-site.invalid";

/** `to` when, read as a browser reads it, it stays on this site; `fallback` otherwise. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2000) return fallback;
  // A link this site makes is percent-encoded: raw controls, spaces or a backslash in the path are tricks.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u0020\u007F-\u009F]/.test(to) || to.split(/[?#]/)[0]!.includes("\\")) return fallback;
  // As given and percent-decoded (once or twice: a proxy or a second page may decode again), read as a
  // browser reads it — tabs and line breaks dropped, leading controls and spaces trimmed — it must start
  // with one "/" that is not followed by "/" or "\".
  for (const form of decodings(to)) {
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    const read = form.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+/, "");
    if (!read.startsWith("/") || read[1] === "/" || read[1] === "\\") return fallback;
  }
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Re-parsed, the path must be itself: no second reading may leave the site.
  if (!path.startsWith("/") || path.startsWith("//") || new URL(path, BASE).origin !== BASE) return fallback;
  return path;
}

/** The text as given and percent-decoded up to twice (a proxy or a second page may decode again). */
function decodings(text: string): string[] {
  const forms = [text];
  let current = text;
  for (let i = 0; i < 2; i++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      // A malformed escape: the browser would keep it as is; refuse anything that is not a plain path.
      return [...forms, current.replace(/%/g, "")];
    }
    if (decoded === current) break;
    forms.push(decoded);
    current = decoded;
  }
  return forms;
}
