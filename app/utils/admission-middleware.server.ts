// Requests take their turn when the server is saturated, and beyond a bounded wait are told to come back
// (503 with Retry-After) instead of failing deep inside with a 500 (docs/decisions/018-pool-and-admission.md).
import type { RequestHandler } from "express";
import { Admission, type AdmissionPolicy } from "./admission.server.ts";

export const OVERLOAD_MESSAGE = "Hệ thống đang bận vì có quá nhiều yêu cầu cùng lúc. Vui lòng thử lại sau ít giây.";

/** The policy of one app server whose database pool has `poolSize` connections. */
export function requestPolicy(poolSize: number): AdmissionPolicy & { retryAfterSeconds: number } {
  return {
    // A request spends part of its time rendering: twice the pool keeps the connections busy without
    // piling up requests that would only wait for one.
    concurrency: Math.max(2, poolSize * 2),
    queueLimit: Math.max(50, poolSize * 20),
    maxWaitMs: 10_000,
    retryAfterSeconds: 5,
  };
}

export function admissionMiddleware(
  policy: AdmissionPolicy & { retryAfterSeconds: number },
  admission = new Admission(policy),
): RequestHandler {
  return (req, res, next) => {
    void admission.enter().then((release) => {
      if (!release) {
        res.status(503).set("Retry-After", String(policy.retryAfterSeconds));
        if (req.accepts(["html", "text"]) === "html") {
          res
            .type("text/html; charset=utf-8")
            .send(
              `<!doctype html><html lang="vi"><meta charset="utf-8"><title>Hệ thống đang bận</title>` + `<p>${OVERLOAD_MESSAGE}</p></html>`,
            );
        } else {
          res.type("text/plain; charset=utf-8").send(OVERLOAD_MESSAGE);
        }
        return;
      }
      // Whether the answer went out or the client went away, the turn passes on.
      res.once("finish", release);
      res.once("close", release);
      next();
    });
  };
}
