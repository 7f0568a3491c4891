import { expect, test } from "vitest";
import { isCrossOriginMutation } from "~/utils/origin.server.ts";

const appUrl = "https://thidua.example.vn";

test.each([
  ["GET from anywhere", "GET", { origin: "https://evil.example", host: "thidua.example.vn" }, false],
  ["POST from the same site (Sec-Fetch-Site)", "POST", { "sec-fetch-site": "same-origin", host: "thidua.example.vn" }, false],
  ["POST from another site (Sec-Fetch-Site)", "POST", { "sec-fetch-site": "cross-site", host: "thidua.example.vn" }, true],
  ["POST from a sibling subdomain", "POST", { "sec-fetch-site": "same-site", host: "thidua.example.vn" }, true],
  ["POST with a matching Origin", "POST", { origin: "https://thidua.example.vn", host: "thidua.example.vn" }, false],
  ["POST with a foreign Origin", "POST", { origin: "https://evil.example", host: "thidua.example.vn" }, true],
  ["POST with Origin null (sandboxed frame)", "POST", { origin: "null", host: "thidua.example.vn" }, true],
  ["POST behind a proxy that rewrites Host", "POST", { origin: "https://thidua.example.vn", host: "10.0.0.5:3000" }, false],
  ["POST from a script without browser headers", "POST", { host: "thidua.example.vn" }, false],
])("%s", (_name, method, headers, refused) => {
  expect(isCrossOriginMutation({ method, headers, appUrl })).toBe(refused);
});
