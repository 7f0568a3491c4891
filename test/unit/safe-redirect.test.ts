// Open redirect after sign-in (issue 14, finding 4): every known way to make a "path" leave the site.
import { describe, expect, test } from "vitest";
import { safeRedirect } from "~/utils/safe-redirect.ts";

// Each of these, given as `redirectTo`, would take a browser to another site (or run script).
const BYPASSES = [
  "/%09/other.host/dang-nhap", // the finding: an encoded tab, dropped by the browser → "//other.host"
  "/\t/other.host/",
  "/\n/other.host/",
  "/\r\n/other.host/",
  "//other.host",
  "//other.host/ho-so",
  "///other.host",
  "////other.host",
  "/\\other.host",
  "/\\/other.host",
  "\\\\other.host",
  "\\/other.host",
  "/%2f/other.host",
  "/%2F%2Fother.host",
  "/%5c/other.host",
  "/%5Cother.host",
  "%2f%2fother.host",
  "/%252f/other.host", // encoded twice
  "/%2509/other.host",
  "/%0a/other.host",
  "/%0d/other.host",
  " //other.host",
  "\t//other.host",
  "\u0000//other.host",
  "/.//other.host",
  "/%2e%2e//other.host",
  "/./..//other.host",
  "https://other.host",
  "http:other.host",
  "https:/other.host",
  "//other.host@this.site",
  "javascript:alert(document.domain)",
  "JaVaScRiPt:alert(1)",
  "java\tscript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "other.host",
  ".other.host",
  "?x=1",
  "",
  "%",
  "x".repeat(3000),
];

describe("safeRedirect", () => {
  test.each(BYPASSES.map((to) => [JSON.stringify(to).slice(0, 60), to] as const))("refuses %s", (_name, to) => {
    expect(safeRedirect(to)).toBe("/");
    expect(safeRedirect(to, "/tai-khoan")).toBe("/tai-khoan");
  });

  test("refuses what is not text", () => {
    expect(safeRedirect(null)).toBe("/");
    expect(safeRedirect(undefined)).toBe("/");
    expect(safeRedirect(new File([], "x"))).toBe("/");
  });

  test("keeps the paths this site makes, with their query and encoded Vietnamese", () => {
    expect(safeRedirect("/ho-so")).toBe("/ho-so");
    expect(safeRedirect("/ho-so/cm3x1abc/bao-cao")).toBe("/ho-so/cm3x1abc/bao-cao");
    expect(safeRedirect("/ho-so?q=Nguy%E1%BB%85n%20V%C4%83n&trang=2")).toBe("/ho-so?q=Nguy%E1%BB%85n%20V%C4%83n&trang=2");
    expect(safeRedirect("/phe-duyet#ky")).toBe("/phe-duyet#ky");
    expect(safeRedirect("/")).toBe("/");
    // Odd but harmless: the browser keeps these on this site.
    expect(safeRedirect("/%20/other.host")).toBe("/%20/other.host");
    expect(safeRedirect("/%")).toBe("/%");
  });

  test("whatever it returns is a same-site path when a browser reads it", () => {
    for (const to of BYPASSES) {
      const target = safeRedirect(to, "/x");
      expect(new URL(target, "https://this.site").origin).toBe("https://this.site");
    }
  });
});
