// A real SMTP server for the tests (smtp-server on 127.0.0.1, a random port): every accepted message
// is parsed with mailparser and kept, to be read back by address or Message-ID.
import { simpleParser, type AddressObject } from "mailparser";
import { SMTPServer } from "smtp-server";
import { freePort } from "./server.ts";

export type ReceivedMail = {
  messageId: string;
  /** Envelope recipients (RCPT TO), lower-case. */
  recipients: string[];
  /** The To: header as written, e.g. "Trần Thị Thu Hà" <vanphong@example.vn>. */
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  headers: Map<string, unknown>;
};

export type TestSmtpServer = {
  port: number;
  /** smtp://127.0.0.1:<port> — what SMTP_URL would be. */
  url: string;
  messages: ReceivedMail[];
  to(address: string): ReceivedMail[];
  /** How many times each Message-ID arrived. */
  countsByMessageId(): Map<string, number>;
  /** Resolves once `count` messages in all have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  /** Stops listening (the port is refused) but keeps what arrived; start() listens again on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Makes RCPT TO for `address` fail with this SMTP code (e.g. 550, or 451 for a temporary failure). */
  reject(address: string, code: number): void;
  /** Delays the answer to DATA after the message has arrived (a slow server). */
  delayData(ms: number): void;
};

function addressText(value: AddressObject | AddressObject[] | undefined): string {
  if (!value) return "";
  return (Array.isArray(value) ? value : [value]).map((v) => v.text).join(", ");
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const port = await freePort();
  const messages: ReceivedMail[] = [];
  const rejections = new Map<string, number>();
  let dataDelay = 0;
  let server: SMTPServer | null = null;

  const create = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onRcptTo(address, _session, callback) {
        const code = rejections.get(address.address.toLowerCase());
        if (code)
          return callback(
            Object.assign(new Error(code >= 500 ? "Hộp thư không tồn tại" : "Tạm thời không nhận thư"), { responseCode: code }),
          );
        callback();
      },
      onData(stream, session, callback) {
        simpleParser(stream)
          .then(async (parsed) => {
            messages.push({
              messageId: parsed.messageId ?? "",
              recipients: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
              to: addressText(parsed.to),
              from: addressText(parsed.from),
              subject: parsed.subject ?? "",
              text: parsed.text ?? "",
              html: typeof parsed.html === "string" ? parsed.html : "",
              headers: parsed.headers,
            });
            // The message is in; the "250 accepted" answer is what is delayed (the sender's crash window).
            if (dataDelay > 0) await new Promise((resolve) => setTimeout(resolve, dataDelay));
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });

  const start = async () => {
    server = create();
    await new Promise<void>((resolve, reject) => {
      server!.once("error", reject);
      server!.listen(port, "127.0.0.1", () => resolve());
    });
  };
  const stop = async () => {
    const current = server;
    server = null;
    if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
  };
  await start();

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    to: (address) => messages.filter((m) => m.recipients.includes(address.toLowerCase())),
    countsByMessageId() {
      const counts = new Map<string, number>();
      for (const m of messages) counts.set(m.messageId, (counts.get(m.messageId) ?? 0) + 1);
      return counts;
    },
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`Only ${messages.length} of ${count} messages arrived.`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    stop,
    start,
    reject: (address, code) => void rejections.set(address.toLowerCase(), code),
    delayData: (ms) => void (dataDelay = ms),
  };
}
