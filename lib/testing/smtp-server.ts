// A real SMTP server for tests (smtp-server, the server half of nodemailer's project) on a local port: it records
// every message it accepts, and can refuse recipients for good (550) or be stopped and started again on its port.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedMessage {
  to: string[];
  raw: string;
}

export interface TestSmtpServer {
  url: string;
  port: number;
  received: ReceivedMessage[];
  stop(): Promise<void>;
  /** Listen again on the same port (after stop()). */
  start(): Promise<void>;
}

export async function startSmtpServer(opts: { port?: number; refuse?: (address: string) => boolean } = {}): Promise<TestSmtpServer> {
  const received: ReceivedMessage[] = [];
  let server: SMTPServer | undefined;
  let port = opts.port ?? 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ["STARTTLS"],
        disableReverseLookup: true,
        logger: false,
        onRcptTo(address, _session, callback) {
          if (opts.refuse?.(address.address)) {
            callback(Object.assign(new Error("mailbox unavailable"), { responseCode: 550 }));
          } else callback();
        },
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("end", () => {
            received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
            callback();
          });
        },
      });
      server.on("error", reject);
      server.listen(port, "127.0.0.1", () => {
        port = (server!.server.address() as AddressInfo).port;
        resolve();
      });
    });
  await listen();
  return {
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    received,
    stop: () => new Promise<void>((resolve) => server!.close(() => resolve())),
    start: listen,
  };
}
