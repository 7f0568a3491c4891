// One sendEmail() around nodemailer. With SMTP_URL it talks SMTP; without it, outside production,
// each message is written as an .eml file to `${DATA_DIR}/mail/` (listed on /quan-tri/hop-thu-di).
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import nodemailer from "nodemailer";
import { env } from "./env.server.ts";

export type Email = {
  to: { name: string; address: string } | string;
  subject: string;
  html: string;
  text: string;
  /** "<…@…>": stable per outbox row, so a resent message is recognised as the same one. */
  messageId?: string;
  headers?: Record<string, string>;
};

export type SentEmail = { messageId: string; response?: string; file?: string };

export type MailConfig = {
  /** smtp:// or smtps:// (with user:password@ for auth); null writes .eml files instead. */
  smtpUrl: string | null;
  from: string;
  /** Where .eml files go when there is no SMTP server. */
  mailDir: string;
  production: boolean;
};

// SMTP timeouts bound how long one message can take, which the outbox's lease relies on.
export const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000, dnsTimeout: 10_000 } as const;
/** Longest one sendEmail() can take: connection + greeting + one socket timeout, with margin. */
export const MAX_SEND_MS = 60_000;

const overrideKey = Symbol.for("thi-dua-khen-thuong.mail-config");
type GlobalWithMail = typeof globalThis & { [overrideKey]?: Partial<MailConfig> };

/** Tests (and tools) point the mail somewhere else; undefined goes back to the environment. */
export function configureMail(config: Partial<MailConfig> | undefined): void {
  (globalThis as GlobalWithMail)[overrideKey] = config;
  transports.clear();
}

export function mailConfig(): MailConfig {
  const override = (globalThis as GlobalWithMail)[overrideKey] ?? {};
  const e = env();
  const dataDir = e.DATA_DIR;
  // "memory://" keeps the database in memory; mail still needs a real folder.
  const defaultDir = dataDir.startsWith("memory://") ? path.join(tmpdir(), `tdkt-mail-${process.pid}`) : path.resolve(dataDir, "mail");
  return {
    smtpUrl: e.SMTP_URL ?? null,
    from: e.MAIL_FROM,
    mailDir: defaultDir,
    production: e.NODE_ENV === "production",
    ...override,
  };
}

/** Whether sendEmail() can deliver at all: SMTP configured, or .eml files outside production. */
export function mailEnabled(config = mailConfig()): boolean {
  return Boolean(config.smtpUrl) || !config.production;
}

type Transport = ReturnType<typeof nodemailer.createTransport>;
const transports = new Map<string, Transport>();

function transportFor(config: MailConfig): Transport {
  const key = config.smtpUrl ?? "eml";
  let transport = transports.get(key);
  if (!transport) {
    transport = config.smtpUrl
      ? nodemailer.createTransport({ url: config.smtpUrl, ...SMTP_TIMEOUTS })
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
    transports.set(key, transport);
  }
  return transport;
}

export class MailNotConfiguredError extends Error {}

/** Sends one message; throws nodemailer's error (with `code`, `command`, `responseCode`) on failure. */
export async function sendEmail(email: Email, config = mailConfig()): Promise<SentEmail> {
  if (!mailEnabled(config)) throw new MailNotConfiguredError("Chưa cấu hình SMTP_URL: không gửi được email.");
  const info = await transportFor(config).sendMail({
    from: config.from,
    to: email.to,
    subject: email.subject,
    html: email.html,
    text: email.text,
    messageId: email.messageId,
    headers: email.headers,
  });
  if (config.smtpUrl) return { messageId: info.messageId, response: String(info.response ?? "") };

  // Named after the Message-ID: a message written twice (resent after a crash) is one file.
  mkdirSync(config.mailDir, { recursive: true });
  const file = path.join(config.mailDir, emlFileName(info.messageId));
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, info.message as Buffer);
  renameSync(partial, file); // a reader never sees half a file
  return { messageId: info.messageId, file };
}

/** "<notification-abc@host>" → "notification-abc@host.eml" (safe characters only). */
export function emlFileName(messageId: string): string {
  return `${messageId.replace(/^<|>$/g, "").replace(/[^A-Za-z0-9@._-]/g, "_")}.eml`;
}

export type EmlFile = { name: string; size: number; modifiedAt: Date };

/** The .eml files written without SMTP, newest first. */
export function listEmlFiles(config = mailConfig()): EmlFile[] {
  let names: string[];
  try {
    names = readdirSync(config.mailDir);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith(".eml"))
    .map((name) => {
      const stat = statSync(path.join(config.mailDir, name));
      return { name, size: stat.size, modifiedAt: stat.mtime };
    })
    .sort((a, b) => b.modifiedAt.getTime() - a.modifiedAt.getTime() || a.name.localeCompare(b.name));
}

/** One .eml file's bytes, or null; only plain file names inside the mail folder. */
export function readEmlFile(name: string, config = mailConfig()): Buffer | null {
  if (!/^[A-Za-z0-9@._-]+\.eml$/.test(name) || name.startsWith(".")) return null;
  try {
    return readFileSync(path.join(config.mailDir, name));
  } catch {
    return null;
  }
}
