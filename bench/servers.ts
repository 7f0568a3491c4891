// App server processes for the bench: `node build/server.mjs` as a deployment runs it, on a free port,
// with exactly the environment given (nothing inherited but PATH and HOME).
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

export type Server = {
  url: string;
  child: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  /** Milliseconds since spawn at which each line was printed (the start-up phases). */
  lines: Array<{ at: number; text: string }>;
  startedAt: number;
  stop(): Promise<void>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Spawns a server; resolves once it prints that it listens (or `waitFor` is false). */
export async function startServer(
  env: Record<string, string>,
  { nodeArgs = [], waitFor = true, timeoutMs = 120_000 }: { nodeArgs?: string[]; waitFor?: boolean; timeoutMs?: number } = {},
): Promise<Server> {
  const port = await freePort();
  const startedAt = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, "build/server.mjs"], {
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      ...env,
      PORT: String(port),
      HOST: "127.0.0.1",
    } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const lines: Server["lines"] = [];
  const take = (chunk: Buffer) => {
    output += chunk;
    for (const text of chunk.toString("utf8").split("\n")) if (text.trim()) lines.push({ at: performance.now() - startedAt, text });
  };
  child.stdout!.on("data", take);
  child.stderr!.on("data", take);
  const server: Server = {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    lines,
    startedAt,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
  if (waitFor) {
    const deadline = Date.now() + timeoutMs;
    while (!output.includes("đang chạy tại")) {
      if (child.exitCode !== null) throw new Error(`An app server stopped:\n${output}`);
      if (Date.now() > deadline) {
        await server.stop();
        throw new Error(`An app server did not start in ${timeoutMs / 1000} s:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return server;
}
