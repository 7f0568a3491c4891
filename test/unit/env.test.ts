import { generateKeyPairSync } from "node:crypto";
import { describe, expect, test } from "vitest";
import { parseEnv } from "~/utils/env.server.ts";

const base = { DATA_DIR: "memory://" };

describe("environment", () => {
  test("defaults give a working development setup on the embedded database", () => {
    const env = parseEnv(base);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env).toMatchObject({ NODE_ENV: "development", PORT: 3000, APP_URL: "http://localhost:3000", DEMO_DATA: true });
    expect(env.SESSION_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  test("production needs a session secret and does not load demo data by itself", () => {
    expect(() => parseEnv({ ...base, NODE_ENV: "production" })).toThrow(/SESSION_SECRET: is required in production/);
    expect(() => parseEnv({ ...base, NODE_ENV: "production" })).toThrow(/CERTIFICATE_SIGNING_KEY: is required in production/);
    const key = generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    const env = parseEnv({
      ...base,
      NODE_ENV: "production",
      SESSION_SECRET: "s".repeat(40),
      CERTIFICATE_SIGNING_KEY: key,
      DATABASE_URL: "postgres://u@db:5432/tdkt",
    });
    expect(env.DEMO_DATA).toBe(false);
  });

  test.each([
    ["DATABASE_URL", "mysql://localhost/x", /DATABASE_URL: must be a postgres/],
    ["PORT", "80a", /PORT:/],
    ["PORT", "70000", /PORT:/],
    ["SMTP_URL", "http://mail", /SMTP_URL:/],
    ["SESSION_SECRET", "short", /SESSION_SECRET: must be at least 32 characters/],
    ["NODE_ENV", "staging", /NODE_ENV:/],
    ["DEMO_DATA", "yes", /DEMO_DATA:/],
  ])("a bad %s stops start-up and is named", (name, value, message) => {
    expect(() => parseEnv({ ...base, [name]: value })).toThrow(message);
  });

  test("every bad variable is reported at once", () => {
    expect(() => parseEnv({ ...base, PORT: "x", SMTP_URL: "ftp://a" })).toThrow(/PORT:[\s\S]*SMTP_URL:/);
  });
});
