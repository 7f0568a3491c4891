// Ed25519 signatures of certificate data, the QR code of the verification URL, and the signing key in the environment.
import { generateKeyPairSync } from "node:crypto";
import jsQR from "jsqr";
import { describe, expect, test } from "vitest";
import { certificatePayload, revocationPayload } from "~/models/certificate.server.ts";
import { parseEnv } from "~/utils/env.server.ts";
import { qrMatrix, qrPath, qrSvg } from "~/utils/qr.server.ts";
import { canonicalJson, signPayload, signingKeys, verifyPayload } from "~/utils/signing.server.ts";

const pem = () => generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();

const row = {
  serial: "TP-2026-00012-K7QX",
  dossierId: "d1",
  decisionId: "q1",
  unitId: "u1",
  goldenBookNumber: "012/2026",
  honorific: "Bà",
  recipientName: "Nguyễn Thị Hoa",
  recipientDetail: "Công chức Tư pháp - Hộ tịch",
  achievement: "Đã có thành tích xuất sắc trong phong trào thi đua “Cải cách hành chính” năm 2023",
  awardForm: "Giấy khen của Chủ tịch Ủy ban nhân dân xã Tam Phước",
  issuerName: "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TAM PHƯỚC",
  place: "Tam Phước",
  decisionNumber: "05/QĐ-UBND",
  decisionDate: new Date("2026-11-20T03:00:00Z"),
  signerTitle: "CHỦ TỊCH",
  signerName: "Nguyễn Văn Hùng",
  onBehalf: false,
  issuedAt: new Date("2026-11-21T03:00:00Z"),
};

describe("signatures", () => {
  test("canonical JSON ignores key order and undefined", () => {
    expect(canonicalJson({ b: 1, a: [2, { d: undefined, c: "x" }] })).toBe('{"a":[2,{"c":"x"}],"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  test("a certificate's payload verifies; any changed column does not; another key does not", () => {
    const key = pem();
    const { signature, keyId } = signPayload(certificatePayload(row), key);
    expect(keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(verifyPayload(certificatePayload(row), signature, key)).toBe(true);
    for (const change of [
      { recipientName: "Nguyễn Thị Hòa" },
      { decisionNumber: "06/QĐ-UBND" },
      { decisionDate: new Date("2026-11-19T03:00:00Z") },
      { honorific: null },
      { onBehalf: true },
    ]) {
      expect(verifyPayload(certificatePayload({ ...row, ...change }), signature, key)).toBe(false);
    }
    expect(verifyPayload(certificatePayload(row), signature, pem())).toBe(false);
    expect(verifyPayload(certificatePayload(row), "not base64 at all", key)).toBe(false);
    const revocation = { serial: row.serial, revokedAt: new Date("2026-11-25T02:00:00Z"), revokedReason: "Kê khai không trung thực" };
    const revoked = signPayload(revocationPayload(revocation), key).signature;
    expect(verifyPayload(revocationPayload({ ...revocation, revokedReason: "Lý do khác" }), revoked, key)).toBe(false);
  });

  test("the key comes from CERTIFICATE_SIGNING_KEY as PEM or base64 PKCS#8; a bad one stops start-up", () => {
    const key = generateKeyPairSync("ed25519").privateKey;
    const asPem = key.export({ format: "pem", type: "pkcs8" }).toString();
    const asBase64 = key.export({ format: "der", type: "pkcs8" }).toString("base64");
    const fromPem = parseEnv({ DATA_DIR: "memory://", CERTIFICATE_SIGNING_KEY: asPem }).CERTIFICATE_SIGNING_KEY;
    const fromBase64 = parseEnv({ DATA_DIR: "memory://", CERTIFICATE_SIGNING_KEY: asBase64 }).CERTIFICATE_SIGNING_KEY;
    expect(signingKeys(fromBase64).keyId).toBe(signingKeys(fromPem).keyId);
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    expect(() => parseEnv({ DATA_DIR: "memory://", CERTIFICATE_SIGNING_KEY: rsa })).toThrow(
      /CERTIFICATE_SIGNING_KEY: must be an Ed25519 private key/,
    );
    expect(() => parseEnv({ DATA_DIR: "memory://", CERTIFICATE_SIGNING_KEY: "abc" })).toThrow(/CERTIFICATE_SIGNING_KEY/);
    // Outside production without the variable, a key is generated (per process with memory://).
    expect(parseEnv({ DATA_DIR: "memory://" }).CERTIFICATE_SIGNING_KEY).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });
});

describe("QR code", () => {
  test("the vector path decodes back to the verification URL", () => {
    const url = "http://localhost:3000/xac-minh/TP-2026-00012-K7QX";
    const matrix = qrMatrix(url);
    // Rasterise the path's modules (4 px each, 4-module quiet zone) and read it with jsQR.
    const scale = 4;
    const side = (matrix.size + 8) * scale;
    const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
    for (const [, x, y, w] of [...qrPath(matrix).matchAll(/M(\d+) (\d+)h(\d+)/g)].map(
      (m) => [m[0], Number(m[1]), Number(m[2]), Number(m[3])] as const,
    )) {
      for (let dx = 0; dx < w * scale; dx++) {
        for (let dy = 0; dy < scale; dy++) {
          const i = ((y + 4) * scale + dy) * side + (x + 4) * scale + dx;
          pixels[i * 4] = pixels[i * 4 + 1] = pixels[i * 4 + 2] = 0;
        }
      }
    }
    expect(jsQR(pixels, side, side)?.data).toBe(url);
    expect(qrSvg(url)).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 \d+ \d+"/);
  });
});
