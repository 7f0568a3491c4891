// Certificates in one PDF, as the route /quyet-dinh/$id/giay-khen.pdf builds them (faceOf → certificatesPdf), in a
// child process of its own so that its wall time and peak memory (maxRSS) are its alone. The faces are made up
// (varied Vietnamese names and units; no decision has hundreds of awardees in the generated data). Runs of 1, of a
// fifth and of all the certificates give the cost of the document itself and the growth per certificate.
// Child: this file compiled as the server is (build/bench-certificates.mjs, app/scripts/server-bundle.mjs), run as
// `node build/bench-certificates.mjs --child N out.pdf`; it prints one JSON line.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import esbuild from "esbuild";
import { serverBundle } from "../app/scripts/server-bundle.mjs";
import { BENCH_SESSION_SECRET, BENCH_SIGNING_KEY } from "./secrets.ts";

export type CertificateRun = {
  certificates: number;
  /** Spawn to exit, as a user waits for the PDF from a cold process (imports included). */
  wallMs: number;
  /** Building the document alone, in the child. */
  buildMs: number;
  bytes: number;
  pages: number | null;
  /** Resident memory once the modules are loaded, and its peak over the child's life (KB). */
  rssBeforeKb: number;
  maxRssKb: number;
};

export type CertificateResults = { runs: CertificateRun[] };

const CHILD_ENV = {
  NODE_ENV: "production",
  SESSION_SECRET: BENCH_SESSION_SECRET,
  CERTIFICATE_SIGNING_KEY: BENCH_SIGNING_KEY,
  DATA_DIR: "memory://",
  APP_URL: "https://thiduakhenthuong.example.vn",
};

const CHILD = "build/bench-certificates.mjs";

async function runChild(count: number, out: string): Promise<CertificateRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [CHILD, "--child", String(count), out], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...CHILD_ENV } as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  const wallMs = performance.now() - started;
  if (code !== 0) throw new Error(`certificate child (${count}) exited with ${code}:\n${stderr.slice(-2000)}`);
  const figures = JSON.parse(stdout.trim().split("\n").pop()!) as Omit<CertificateRun, "wallMs" | "pages">;
  const info = spawnSync("pdfinfo", [out], { encoding: "utf8" });
  const pages = info.status === 0 ? Number(/^Pages:\s+(\d+)/m.exec(info.stdout)?.[1] ?? NaN) : null;
  return { ...figures, wallMs, pages };
}

export async function measureCertificates({ count, log }: { count: number; log: (line: string) => void }): Promise<CertificateResults> {
  // Compiled, as the server that builds these PDFs runs (no TypeScript compiler in the child's memory).
  await esbuild.build(serverBundle({ "bench-certificates": "bench/certificates.ts" }));
  const dir = mkdtempSync(path.join(os.tmpdir(), "tdkt-bench-pdf-"));
  try {
    const runs: CertificateRun[] = [];
    for (const n of [...new Set([1, Math.max(1, Math.round(count / 5)), count])]) {
      const run = await runChild(n, path.join(dir, `giay-khen-${n}.pdf`));
      if (run.pages !== null && run.pages !== n) throw new Error(`${n} certificates gave a PDF of ${run.pages} pages`);
      runs.push(run);
      log(
        `  ${String(n).padStart(4)} certificates: ${(run.wallMs / 1000).toFixed(1)} s wall (${(run.buildMs / 1000).toFixed(1)} s building), ` +
          `peak RSS ${(run.maxRssKb / 1024).toFixed(0)} MB (${(run.rssBeforeKb / 1024).toFixed(0)} MB loaded), ${(run.bytes / 1024 ** 2).toFixed(1)} MB PDF`,
      );
    }
    return { runs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ─── The child ──────────────────────────────────────────────────────────────

async function child(count: number, out: string) {
  const { certificatesPdf } = await import("~/documents/certificate.server.ts");
  const { faceOf } = await import("~/models/certificate.server.ts");
  const family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
  const middle = ["Văn", "Thị", "Minh", "Ngọc", "Thanh", "Quốc", "Thu", "Hữu", "Đức", "Hoài"];
  const given = ["Hùng", "Hà", "Lan", "Phúc", "Tuấn", "Sáu", "Mai", "Bảo", "Nhân", "Sơn", "Hạnh", "Dũng", "Hương", "Long", "Trang", "Khoa"];
  const units = [
    "Bộ phận Tư pháp - Hộ tịch",
    "Bộ phận Địa chính - Xây dựng - Đô thị và Môi trường",
    "Bộ phận Văn hóa - Xã hội",
    "Ấp Phước Lâm",
  ];
  const decisionDate = new Date("2026-11-20T02:00:00Z");
  const rows = Array.from({ length: count }, (_, i) => ({
    id: `c${String(i).padStart(24, "0")}`,
    unitId: "cbench",
    serial: `TP-2026-${String(i + 1).padStart(5, "0")}-${"0123456789ABCDEFGHJKMNPQRSTVWXYZ"[i % 32]}K7Q`,
    goldenBookNumber: `${String(i + 1).padStart(3, "0")}/2026`,
    honorific: i % 7 === 6 ? null : i % 2 ? "Bà" : "Ông",
    recipientName: i % 7 === 6 ? units[i % units.length]! : `${family[i % 16]} ${middle[(i * 3) % 10]} ${given[(i * 7) % 16]}`,
    recipientDetail: `Công chức ${units[i % units.length]}`,
    achievement:
      "Đã có thành tích xuất sắc trong phong trào thi đua “Nâng cao trách nhiệm người đứng đầu trong thực hiện các nhiệm vụ cải cách hành chính” năm 2026",
    issuerName: "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TAM PHƯỚC",
    place: "Tam Phước",
    decisionNumber: "12/QĐ-UBND",
    decisionDate,
    signerTitle: "CHỦ TỊCH",
    signerName: "Nguyễn Văn Hùng",
    onBehalf: false,
    revokedAt: null,
  }));
  const rssBeforeKb = Math.round(process.memoryUsage().rss / 1024);
  const started = performance.now();
  const pdf = await certificatesPdf(rows.map(faceOf), { mode: "full", title: "Giấy khen theo Quyết định số 12/QĐ-UBND" });
  const buildMs = performance.now() - started;
  writeFileSync(out, pdf);
  console.log(JSON.stringify({ certificates: count, buildMs, bytes: pdf.length, rssBeforeKb, maxRssKb: process.resourceUsage().maxRSS }));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href && process.argv[2] === "--child") {
  await child(Number(process.argv[3]), process.argv[4]!);
}
