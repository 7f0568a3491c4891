// Security headers on every response (pages, resource routes, static files), set by helmet in server.ts.
// The CSP lets only this site's scripts run: Remix's inline scripts carry a nonce made per request,
// passed to React through the load context (app/entry.server.tsx) and to <Scripts> by app/root.tsx.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import helmet from "helmet";

type NonceResponse = ServerResponse & { locals?: Record<string, unknown> };

/** Express middleware: a fresh nonce for this response, read back by `cspNonceOf`. */
export function cspNonce(_req: IncomingMessage, res: NonceResponse, next: () => void) {
  res.locals = { ...res.locals, cspNonce: randomBytes(16).toString("base64") };
  next();
}

export function cspNonceOf(res: NonceResponse): string {
  const nonce = res.locals?.cspNonce;
  if (typeof nonce !== "string") throw new Error("cspNonce middleware must run before the request handler");
  return nonce;
}

/**
 * `https`: the site is served over HTTPS (production, or APP_URL https) — only then HSTS and
 * upgrade-insecure-requests, which would break a plain-HTTP office install. `developing`: `remix dev`
 * reloads the page over a WebSocket.
 */
export function securityHeaders({ https, developing }: { https: boolean; developing: boolean }) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // Clickjacking: no other site may frame a page ("Phê duyệt", "Ký quyết định").
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'", (_req, res) => `'nonce-${cspNonceOf(res as NonceResponse)}'`],
        scriptSrcAttr: ["'none'"],
        // React's style attributes (charts, print layouts) and the statechart's <style>: styles cannot run code.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: developing ? ["'self'", "ws:"] : ["'self'"],
        frameSrc: ["'self'"],
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    frameguard: { action: "deny" },
    referrerPolicy: { policy: "same-origin" },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    // The site's own PDFs open in the browser's viewer; nothing is shared with other origins.
    crossOriginResourcePolicy: { policy: "same-origin" },
  });
}
