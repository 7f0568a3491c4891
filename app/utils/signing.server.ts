// Ed25519 signatures of certificate data (node:crypto): the server signs what a certificate says
// when it is issued; the public page verifies the current row against the signature.
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { env } from "./env.server.ts";

type Keys = { privateKey: KeyObject; publicKey: KeyObject; keyId: string };

let keys: Keys | undefined;
let keysFrom: string | undefined;

/** The signing key of the environment; `keyId` names it (first 16 hex of the SHA-256 of the public key). */
export function signingKeys(pem = env().CERTIFICATE_SIGNING_KEY): Keys {
  if (keys && keysFrom === pem) return keys;
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ format: "der", type: "spki" });
  keys = { privateKey, publicKey, keyId: createHash("sha256").update(der).digest("hex").slice(0, 16) };
  keysFrom = pem;
  return keys;
}

/** JSON with sorted keys and no undefined: the same data always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** base64 Ed25519 signature of the canonical JSON of `payload`. */
export function signPayload(payload: unknown, pem?: string): { signature: string; keyId: string } {
  const { privateKey, keyId } = signingKeys(pem);
  return { signature: sign(null, Buffer.from(canonicalJson(payload), "utf8"), privateKey).toString("base64"), keyId };
}

/** True when `signature` is this server's signature of exactly `payload`. */
export function verifyPayload(payload: unknown, signature: string, pem?: string): boolean {
  try {
    const { publicKey } = signingKeys(pem);
    return verify(null, Buffer.from(canonicalJson(payload), "utf8"), publicKey, Buffer.from(signature, "base64"));
  } catch {
    return false;
  }
}
