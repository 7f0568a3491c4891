import { Link } from "@remix-run/react";

/**
 * "← Trang trước · Trang x/y · Trang sau →" under a list split into pages by `?trang=N` (pageFrom in
 * ~/utils/http.ts). `href` builds a page's link (keeping whatever other query the list has); `summary`,
 * when given, follows the page number ("Trang 2/3 · 45 hồ sơ"). Nothing when the list fits on one page.
 */
export function Pagination({
  page,
  pages,
  href,
  summary,
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
  summary?: string;
}) {
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label="Phân trang">
      {page > 1 ? <Link to={href(page - 1)}>← Trang trước</Link> : null}
      <span>{summary ? `Trang ${page}/${pages} · ${summary}` : `Trang ${page}/${pages}`}</span>
      {page < pages ? <Link to={href(page + 1)}>Trang sau →</Link> : null}
    </nav>
  );
}
