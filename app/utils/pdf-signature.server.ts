// PAdES signatures on PDFs (chữ ký số): the placeholder and the byte ranges are @signpdf's, the CMS
// SignedData is PKI.js's, the key and certificate come from a PKCS#12 read by node-forge. The signer
// is an interface, "SHA-256 of the signed bytes in, CMS out", so a USB token or a remote-signing
// service can replace the PKCS#12 file without touching the PDF side (docs/decisions/008-…).
import { createHash, webcrypto } from "node:crypto";
import { pdflibAddPlaceholder } from "@signpdf/placeholder-pdf-lib";
import { SignPdf } from "@signpdf/signpdf";
import { SUBFILTER_ETSI_CADES_DETACHED, Signer } from "@signpdf/utils";
import * as asn1js from "asn1js";
import forge from "node-forge";
import type { PDFDocument, PDFPage } from "pdf-lib";
import * as pkijs from "pkijs";

const OID = {
  data: "1.2.840.113549.1.7.1",
  signedData: "1.2.840.113549.1.7.2",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingCertificateV2: "1.2.840.113549.1.9.16.2.47",
  sha256: "2.16.840.1.101.3.4.2.1",
  commonName: "2.5.4.3",
};

const engine = new pkijs.CryptoEngine({ name: "node", crypto: webcrypto as unknown as Crypto });

const sha256 = (bytes: Uint8Array) => new Uint8Array(createHash("sha256").update(bytes).digest());
const arrayBuffer = (bytes: Uint8Array) => bytes.slice().buffer as ArrayBuffer;

/** Makes PDF signatures: given the SHA-256 of the bytes a signature covers, returns a detached CMS SignedData (DER). */
export interface DocumentSigner {
  /** The signer's certificate (DER). */
  readonly certificate: Uint8Array;
  sign(digest: Uint8Array): Promise<Uint8Array>;
}

// ─── Certificates ───────────────────────────────────────────────────────────

/** What a person reads about a certificate. */
export type CertificateSummary = {
  subject: string;
  commonName: string;
  issuer: string;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  selfSigned: boolean;
  /** SHA-256 of the DER, hex. */
  fingerprint: string;
};

function distinguishedName(name: pkijs.RelativeDistinguishedNames): string {
  const labels: Record<string, string> = {
    "2.5.4.3": "CN",
    "2.5.4.10": "O",
    "2.5.4.11": "OU",
    "2.5.4.7": "L",
    "2.5.4.8": "ST",
    "2.5.4.6": "C",
  };
  return name.typesAndValues.map((tv) => `${labels[tv.type] ?? tv.type}=${tv.value.valueBlock.value}`).join(", ");
}

export function summarizeCertificate(der: Uint8Array): CertificateSummary {
  const certificate = pkijs.Certificate.fromBER(arrayBuffer(der));
  const commonName = certificate.subject.typesAndValues.find((tv) => tv.type === OID.commonName)?.value.valueBlock.value ?? "";
  const subject = distinguishedName(certificate.subject);
  const issuer = distinguishedName(certificate.issuer);
  return {
    subject,
    commonName: String(commonName),
    issuer,
    serialNumber: Buffer.from(certificate.serialNumber.valueBlock.valueHexView).toString("hex").toUpperCase(),
    notBefore: certificate.notBefore.value,
    notAfter: certificate.notAfter.value,
    selfSigned: subject === issuer,
    fingerprint: Buffer.from(sha256(der)).toString("hex"),
  };
}

// ─── PKCS#12 ────────────────────────────────────────────────────────────────

export class Pkcs12Error extends Error {}

/** The key and the certificates of a PKCS#12 file (.p12/.pfx); throws Pkcs12Error with a Vietnamese message. */
export function readPkcs12(p12: Uint8Array, passphrase: string): { keyPkcs8: Uint8Array; certificate: Uint8Array; chain: Uint8Array[] } {
  let parsed: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(p12).toString("binary")));
    parsed = forge.pkcs12.pkcs12FromAsn1(asn1, false, passphrase);
  } catch (error) {
    const wrongPassword = /mac|password|invalid/i.test(String((error as Error).message));
    throw new Pkcs12Error(
      wrongPassword
        ? "Không mở được tệp chứng thư số: mật khẩu không đúng."
        : "Tệp tải lên không phải tệp chứng thư số PKCS#12 (.p12 hoặc .pfx) hợp lệ.",
    );
  }
  const keyBags = [
    ...(parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []),
    ...(parsed.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? []),
  ];
  const key = keyBags.find((bag) => bag.key)?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!key) throw new Pkcs12Error("Tệp chứng thư số không chứa khóa bí mật (hoặc khóa không phải RSA).");
  const certificates = (parsed.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? []).flatMap((bag) =>
    bag.cert ? [bag.cert] : [],
  );
  const own = certificates.find((cert) => {
    const publicKey = cert.publicKey as forge.pki.rsa.PublicKey;
    return publicKey.n?.equals(key.n) && publicKey.e?.equals(key.e);
  });
  if (!own) throw new Pkcs12Error("Tệp chứng thư số không chứa chứng thư ứng với khóa bí mật.");
  const der = (cert: forge.pki.Certificate) =>
    new Uint8Array(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), "binary"));
  const keyInfo = forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(key));
  return {
    keyPkcs8: new Uint8Array(Buffer.from(forge.asn1.toDer(keyInfo).getBytes(), "binary")),
    certificate: der(own),
    chain: certificates.filter((cert) => cert !== own).map(der),
  };
}

/**
 * A self-signed certificate and its key as a PKCS#12, made in-process (no openssl): what a unit signs
 * with outside production until its real certificate is uploaded. Valid from 5 years before `now` to 10 years after.
 */
export function generateTestPkcs12(commonName: string, organization: string, passphrase: string, now = new Date()): Uint8Array {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = `01${forge.util.bytesToHex(forge.random.getBytesSync(15))}`;
  // Wide enough for the back-dated and future-dated signings of tests and demos.
  cert.validity.notBefore = new Date(now.getTime() - 5 * 365 * 24 * 3600_000);
  cert.validity.notAfter = new Date(now.getTime() + 10 * 365 * 24 * 3600_000);
  const name = [
    { name: "commonName", value: commonName, valueTagClass: forge.asn1.Type.UTF8 },
    { name: "organizationName", value: organization, valueTagClass: forge.asn1.Type.UTF8 },
    { name: "countryName", value: "VN" },
  ] as forge.pki.CertificateField[];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", digitalSignature: true, nonRepudiation: true },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert], passphrase, { algorithm: "aes256", friendlyName: commonName });
  return new Uint8Array(Buffer.from(forge.asn1.toDer(p12).getBytes(), "binary"));
}

/** Signs with the key and certificate of a PKCS#12 file: CAdES-BES attributes (content type, digest, signing certificate v2). */
export class Pkcs12Signer implements DocumentSigner {
  private readonly material: ReturnType<typeof readPkcs12>;

  constructor(p12: Uint8Array, passphrase: string) {
    this.material = readPkcs12(p12, passphrase);
  }

  get certificate(): Uint8Array {
    return this.material.certificate;
  }

  async sign(digest: Uint8Array): Promise<Uint8Array> {
    const { keyPkcs8, certificate: certificateDer, chain } = this.material;
    const certificate = pkijs.Certificate.fromBER(arrayBuffer(certificateDer));
    const key = await webcrypto.subtle.importKey("pkcs8", keyPkcs8, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["sign"]);
    // ESS signing-certificate-v2 (RFC 5035): binds the signer's certificate into what is signed, as PAdES requires.
    const signingCertificateV2 = new asn1js.Sequence({
      value: [
        new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: sha256(certificateDer) })] })] }),
      ],
    });
    const signedData = new pkijs.SignedData({
      version: 1,
      encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
      signerInfos: [
        new pkijs.SignerInfo({
          version: 1,
          sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
          signedAttrs: new pkijs.SignedAndUnsignedAttributes({
            type: 0,
            attributes: [
              new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
              new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: digest })] }),
              new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2] }),
            ],
          }),
        }),
      ],
      certificates: [certificate, ...chain.map((der) => pkijs.Certificate.fromBER(arrayBuffer(der)))],
    });
    await signedData.sign(key as unknown as CryptoKey, 0, "SHA-256", undefined, engine);
    const content = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
    return new Uint8Array(content.toSchema().toBER(false));
  }
}

// ─── Signing a PDF ──────────────────────────────────────────────────────────

/** @signpdf hands a signer the signed bytes themselves; ours wants their hash. */
class DigestSigner extends Signer {
  constructor(private readonly signer: DocumentSigner) {
    super();
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return Buffer.from(await this.signer.sign(sha256(pdfBuffer)));
  }
}

/**
 * A PDF text string pdf-lib's PDFString writes byte for byte: UTF-16BE with its BOM, the bytes a
 * literal string must escape escaped (the placeholder takes plain strings, which pdf-lib would cut to Latin-1).
 */
function pdfTextString(text: string): string {
  let out = "\u00fe\u00ff";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    for (const byte of [code >> 8, code & 0xff]) {
      const char = String.fromCharCode(byte);
      out += byte === 0x28 || byte === 0x29 || byte === 0x5c ? `\\${char}` : byte === 0x0d ? "\\r" : byte === 0x0a ? "\\n" : char;
    }
  }
  return out;
}

export type SignatureInfo = { name: string; reason: string; location: string; signedAt: Date };

/**
 * Adds an empty PAdES signature field (SubFilter ETSI.CAdES.detached) whose widget covers the visible
 * signature block at `place` (or an invisible one on the first page). The document must then be saved
 * with `useObjectStreams: false` and signed with `signPdf`.
 */
export function addSignaturePlaceholder(
  doc: PDFDocument,
  place: { page: PDFPage; rect: [number, number, number, number] } | null,
  info: SignatureInfo,
): void {
  pdflibAddPlaceholder({
    pdfDoc: doc,
    pdfPage: place?.page ?? doc.getPage(0),
    reason: pdfTextString(info.reason),
    contactInfo: "",
    name: pdfTextString(info.name),
    location: pdfTextString(info.location),
    signingTime: info.signedAt,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    widgetRect: place?.rect ?? [0, 0, 0, 0],
  });
}

/** Fills the placeholder of a PDF with `signer`'s CMS over its byte ranges. */
export async function signPdf(prepared: Uint8Array, signer: DocumentSigner): Promise<Uint8Array> {
  return new Uint8Array(await new SignPdf().sign(Buffer.from(prepared), new DigestSigner(signer)));
}

// ─── Verifying ──────────────────────────────────────────────────────────────

export type PdfSignatureCheck =
  | { valid: true; certificate: CertificateSummary; signedAt: Date | null }
  | { valid: false; problem: string; certificate: CertificateSummary | null };

/**
 * Checks a signed PDF as a verifier would: the byte ranges cover the whole file but the signature,
 * the CMS's message digest is the SHA-256 of those ranges, and the signature over the signed
 * attributes verifies with the certificate it carries. (Whether that certificate is trusted is a
 * separate question: a self-made certificate is not.)
 */
export async function verifyPdfSignature(pdf: Uint8Array): Promise<PdfSignatureCheck> {
  const text = Buffer.from(pdf).toString("latin1");
  const match = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text);
  if (!match || text.indexOf("/ByteRange", match.index + 1) !== -1)
    return { valid: false, problem: "Tệp không có chữ ký số (hoặc có nhiều hơn một chữ ký).", certificate: null };
  const [start, firstLength, secondStart, secondLength] = match.slice(1).map(Number) as [number, number, number, number];
  if (start !== 0 || secondStart + secondLength !== pdf.length || firstLength >= secondStart) {
    return {
      valid: false,
      problem: "Chữ ký số không bao trùm toàn bộ tệp: tệp đã bị thêm hoặc bớt nội dung sau khi ký.",
      certificate: null,
    };
  }
  const contents = text.slice(firstLength, secondStart);
  if (!/^<[0-9a-fA-F]*>$/.test(contents)) return { valid: false, problem: "Vùng chữ ký số trong tệp bị hỏng.", certificate: null };
  const signed = Buffer.concat([pdf.subarray(0, firstLength), pdf.subarray(secondStart)]);

  let signedData: pkijs.SignedData;
  let certificate: CertificateSummary | null = null;
  try {
    // The placeholder is padded with zeros after the DER: asn1js reads the first element and stops.
    const parsed = asn1js.fromBER(arrayBuffer(Buffer.from(contents.slice(1, -1), "hex")));
    if (parsed.offset === -1) throw new Error(parsed.result.error);
    const info = new pkijs.ContentInfo({ schema: parsed.result });
    if (info.contentType !== OID.signedData) throw new Error("not SignedData");
    signedData = new pkijs.SignedData({ schema: info.content });
    const signerCertificate = signedData.certificates?.find((cert): cert is pkijs.Certificate => cert instanceof pkijs.Certificate);
    if (signerCertificate) certificate = summarizeCertificate(new Uint8Array(signerCertificate.toSchema().toBER(false)));
  } catch {
    return { valid: false, problem: "Vùng chữ ký số trong tệp bị hỏng.", certificate: null };
  }
  if (!certificate) return { valid: false, problem: "Chữ ký số không kèm chứng thư số của người ký.", certificate: null };
  const digestAttribute = signedData.signerInfos[0]?.signedAttrs?.attributes.find((attribute) => attribute.type === OID.messageDigest);
  const claimed = digestAttribute?.values[0] as asn1js.OctetString | undefined;
  if (!claimed || !Buffer.from(claimed.valueBlock.valueHexView).equals(Buffer.from(sha256(signed)))) {
    return { valid: false, problem: "Nội dung tệp đã bị thay đổi sau khi ký (mã băm không khớp).", certificate };
  }
  try {
    const result = await signedData.verify({ signer: 0, data: arrayBuffer(signed), extendedMode: true, checkChain: false }, engine);
    if (!result.signatureVerified) throw new Error(result.message);
  } catch {
    return { valid: false, problem: "Chữ ký số không hợp lệ với chứng thư số kèm theo.", certificate };
  }
  const when = /\/M\s*\(D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|[+-]\d{2}'\d{2}'?)?\)/.exec(text);
  const signedAt = when
    ? new Date(
        `${when[1]}-${when[2]}-${when[3]}T${when[4]}:${when[5]}:${when[6]}${!when[7] || when[7] === "Z" ? "Z" : when[7].replace(/'/g, "").replace(/(\d{2})(\d{2})$/, "$1:$2")}`,
      )
    : null;
  return { valid: true, certificate, signedAt };
}
