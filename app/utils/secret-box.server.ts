// Small secrets kept in the database (the passphrase of a unit's PKCS#12): AES-256-GCM under a key
// derived (HKDF) from CERTIFICATE_SIGNING_KEY, which every app server has and which never changes.
import { createCipheriv, createDecipheriv, createPrivateKey, hkdfSync, randomBytes } from "node:crypto";
import { env } from "./env.server.ts";

const VERSION = "v1";

function key(pem = env().CERTIFICATE_SIGNING_KEY): Buffer {
  const der = createPrivateKey(pem).export({ format: "der", type: "pkcs8" });
  return Buffer.from(hkdfSync("sha256", der, Buffer.alloc(0), "thi-dua-khen-thuong/secret-box/v1", 32));
}

/** "v1.<iv>.<tag>.<ciphertext>" (base64url) of `text`. */
export function sealSecret(text: string, pem?: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(pem), iv);
  const ciphertext = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

/** The text sealed by `sealSecret`, or null when it was sealed with another key or altered. */
export function openSecret(sealed: string, pem?: string): string | null {
  const [version, iv, tag, ciphertext] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(pem), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
