const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

type RequestFacts = {
  method: string;
  /** Header values, lower-case names. */
  headers: { origin?: string; host?: string; "x-forwarded-host"?: string; "sec-fetch-site"?: string };
  /** The app's public address (APP_URL). */
  appUrl: string;
};

/**
 * True when a state-changing request comes from another site (CSRF). Browsers send
 * Sec-Fetch-Site and Origin on form posts; requests without either are not from a browser page.
 */
export function isCrossOriginMutation({ method, headers, appUrl }: RequestFacts): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  const fetchSite = headers["sec-fetch-site"];
  if (fetchSite) return fetchSite !== "same-origin" && fetchSite !== "none";
  const origin = headers.origin;
  if (!origin) return false;
  if (origin === "null") return true;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return true;
  }
  const allowed = [headers.host, headers["x-forwarded-host"], new URL(appUrl).host].filter(Boolean);
  return !allowed.includes(originHost);
}
