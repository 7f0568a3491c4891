import { createPrivateKey, generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const postgresUrl = z.string().regex(/^postgres(ql)?:\/\/.+/, "must be a postgres:// or postgresql:// URL");

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** Unset: an embedded PostgreSQL (PGlite) in DATA_DIR. Set: a real PostgreSQL server. */
    DATABASE_URL: postgresUrl.optional(),
    /** Connections each app server keeps to PostgreSQL. */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    /** Embedded database, attachments, development mail. "memory://" keeps the database in memory. */
    DATA_DIR: z.string().min(1).default("./data"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().min(1).default("0.0.0.0"),
    /** Address of the app as users reach it, for links in emails and on certificates. */
    APP_URL: z.url({ protocol: /^https?$/ }).optional(),
    SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    SESSION_DAYS: z.coerce.number().int().min(1).max(90).default(7),
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    MAIL_FROM: z.string().min(3).default("Thi đua – Khen thưởng <no-reply@localhost>"),
    /** Load the demo commune into an empty database at start-up. */
    DEMO_DATA: z.enum(["true", "false"]).optional(),
    /** Run the periodic jobs (deadlines, mail, vote closing) in this process. */
    JOBS: z.enum(["true", "false"]).default("true"),
    /** Ed25519 private key (PEM, or base64 of the PKCS#8 DER) signing certificates; generated into DATA_DIR outside production. */
    CERTIFICATE_SIGNING_KEY: z.string().refine(isEd25519PrivateKey, "must be an Ed25519 private key (PEM or base64 PKCS#8)").optional(),
    /** Serve /bench-bare-page, the baseline page of bench/ (404 otherwise). Only `npm run bench` sets it. */
    BENCH_BARE_PAGE: z.enum(["true", "false"]).default("false"),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "is required in production" });
    }
    if (env.NODE_ENV === "production" && !env.CERTIFICATE_SIGNING_KEY) {
      ctx.addIssue({ code: "custom", path: ["CERTIFICATE_SIGNING_KEY"], message: "is required in production" });
    }
  });

export type Env = Omit<z.infer<typeof EnvSchema>, "SESSION_SECRET" | "APP_URL" | "DEMO_DATA" | "CERTIFICATE_SIGNING_KEY"> & {
  SESSION_SECRET: string;
  /** PEM (PKCS#8) of the Ed25519 key that signs certificates. */
  CERTIFICATE_SIGNING_KEY: string;
  APP_URL: string;
  DEMO_DATA: boolean;
};

export class EnvError extends Error {}

/** Reads and checks the environment; the error names every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const env = result.data;
  return {
    ...env,
    SESSION_SECRET: env.SESSION_SECRET ?? developmentSecret(env.DATA_DIR),
    CERTIFICATE_SIGNING_KEY: env.CERTIFICATE_SIGNING_KEY ? signingKeyPem(env.CERTIFICATE_SIGNING_KEY) : developmentSigningKey(env.DATA_DIR),
    APP_URL: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
    DEMO_DATA: env.DEMO_DATA ? env.DEMO_DATA === "true" : env.NODE_ENV !== "production",
  };
}

// Outside production a secret is generated once and kept in the data folder,
// so that restarting the app does not sign everybody out.
function developmentSecret(dataDir: string): string {
  if (dataDir.startsWith("memory://")) return randomBytes(32).toString("hex");
  const file = path.join(dataDir, "dev-session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

function parsePrivateKey(value: string) {
  const text = value.trim();
  return text.startsWith("-----BEGIN")
    ? createPrivateKey(text)
    : createPrivateKey({ key: Buffer.from(text, "base64"), format: "der", type: "pkcs8" });
}

function isEd25519PrivateKey(value: string): boolean {
  try {
    return parsePrivateKey(value).asymmetricKeyType === "ed25519";
  } catch {
    return false;
  }
}

function signingKeyPem(value: string): string {
  return parsePrivateKey(value).export({ format: "pem", type: "pkcs8" }).toString();
}

// Like the session secret: generated once and kept in the data folder outside production, so that
// certificates issued in development still verify after a restart; "memory://" gets one per process.
function developmentSigningKey(dataDir: string): string {
  const generate = () => generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  if (dataDir.startsWith("memory://")) return generate();
  const file = path.join(dataDir, "certificate-signing-key.pem");
  if (existsSync(file)) return readFileSync(file, "utf8");
  mkdirSync(dataDir, { recursive: true });
  const pem = generate();
  writeFileSync(file, pem, { mode: 0o600 });
  return pem;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
