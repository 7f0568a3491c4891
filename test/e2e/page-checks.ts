// What every page must pass besides loading: no sideways scrolling on a phone, no serious accessibility
// violation (axe-core, run in the page), no English word a user would read.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

/** The phone the issue was tried on. */
export const PHONE = { width: 375, height: 812 } as const;

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Page width beyond the viewport: 0 when nothing scrolls sideways. */
export async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** The elements sticking out to the right, to say what overflows. */
export async function widestElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const limit = window.innerWidth;
    const out: string[] = [];
    for (const element of Array.from(document.querySelectorAll("body *"))) {
      const box = element.getBoundingClientRect();
      if (box.right > limit + 0.5 && box.width > 0) {
        const parentOver = element.parentElement && element.parentElement.getBoundingClientRect().right > limit + 0.5;
        if (!parentOver || out.length < 3) {
          const name = `${element.tagName.toLowerCase()}${element.className && typeof element.className === "string" ? `.${element.className.split(" ").join(".")}` : ""}`;
          out.push(`${name} (${Math.round(box.right)}px)`);
        }
      }
      if (out.length >= 6) break;
    }
    return out;
  });
}

export type AxeFinding = { id: string; impact: string; help: string; targets: string[] };

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousAxeViolations(page: Page): Promise<AxeFinding[]> {
  // Evaluated through the debugging protocol, not a <script>: the page's Content-Security-Policy does not apply.
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== "undefined");
  if (!loaded) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations as Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }>;
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact!, help: v.help, targets: v.nodes.slice(0, 3).map((n) => String(n.target.join(" "))) }));
}

// Words of an English interface a user could meet: buttons, messages, placeholders, leftovers of a template.
const ENGLISH = [
  "Submit",
  "Cancel",
  "Save",
  "Delete",
  "Remove",
  "Edit",
  "Update",
  "Error",
  "Loading",
  "Next",
  "Previous",
  "Back",
  "Search",
  "Login",
  "Log in",
  "Logout",
  "Log out",
  "Sign in",
  "Sign out",
  "Password",
  "Username",
  "Invalid",
  "Required",
  "Not found",
  "Forbidden",
  "Unauthorized",
  "Something went wrong",
  "Unexpected",
  "Application error",
  "Please",
  "Confirm",
  "Close",
  "Download",
  "Upload",
  "Settings",
  "Dashboard",
  "Home",
  "Yes",
  "Select",
  "Choose file",
  "No file chosen",
  "undefined",
  "null",
  "NaN",
  "[object Object]",
  "Invalid Date",
];
const ENGLISH_PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}])(${ENGLISH.map((w) => w.replace(/[[\]]/g, "\\$&")).join("|")})(?![\\p{L}\\p{N}])`,
  "giu",
);

/** English UI words in the text a user reads on the page: visible text, placeholders, labels for screen readers, tooltips. */
export async function englishWords(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const parts = [document.title, document.body.innerText];
    for (const element of Array.from(
      document.querySelectorAll("[placeholder],[aria-label],[title],input[type=submit],input[type=button]"),
    )) {
      for (const attribute of ["placeholder", "aria-label", "title", "value"]) {
        const value = element.getAttribute(attribute);
        if (value && (attribute !== "value" || element.matches("input[type=submit],input[type=button]"))) parts.push(value);
      }
    }
    return parts;
  });
  return findEnglish(texts.join("\n"));
}

export function findEnglish(text: string): string[] {
  return [...new Set([...text.matchAll(ENGLISH_PATTERN)].map((m) => m[1]!))];
}
