/**
 * A real SMTP server on 127.0.0.1 for the notification tests (the `smtp-server` package): keeps
 * every message it accepts (raw and parsed with `mailparser`), and can refuse (`refuse`) with an
 * SMTP error such as 451, or stop listening (`close`) and come back on the same port (`listen`).
 */
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface Received {
  raw: string;
  mail: ParsedMail;
  to: string[];
}

export class SmtpSink {
  received: Received[] = [];
  /** When set, every message is refused with this SMTP code and text (e.g. [451, 'try later']). */
  refuse: [number, string] | null = null;
  port = 0;
  #server: SMTPServer | undefined;
  #waiters: Array<() => void> = [];

  #make(): SMTPServer {
    return new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 50,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (this.refuse) {
            const [code, text] = this.refuse;
            const error = new Error(text) as Error & { responseCode: number };
            error.responseCode = code;
            callback(error);
            return;
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          const to = session.envelope.rcptTo.map((r) => r.address);
          void simpleParser(raw).then((mail) => {
            this.received.push({ raw, mail, to });
            for (const w of this.#waiters.splice(0)) w();
          });
          callback();
        });
      },
    });
  }

  /** Listens (on `port` when given: to come back on the same one). */
  async listen(port = this.port): Promise<void> {
    this.#server = this.#make();
    await new Promise<void>((resolve, reject) => {
      this.#server!.once('error', reject);
      this.#server!.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.#server.server.address() as { port: number }).port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The messages sent to `address`. */
  to(address: string): Received[] {
    return this.received.filter((r) => r.to.includes(address));
  }

  /** Waits until `test()` holds for the received messages (or fails after `ms`). */
  async until(test: (received: Received[]) => boolean, ms = 10_000, what = 'the expected emails'): Promise<void> {
    const deadline = Date.now() + ms;
    while (!test(this.received)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${what} within ${ms} ms; received ${this.received.length}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 100));
        this.#waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }
}

export async function startSink(): Promise<SmtpSink> {
  const sink = new SmtpSink();
  await sink.listen(0);
  return sink;
}
