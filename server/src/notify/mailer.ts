/**
 * Sending email: nodemailer's SMTP transport, from one connection URL in nodemailer's form
 * (`smtps://user:pass@mail.example:465`, `smtp://127.0.0.1:2525`; query options as nodemailer reads
 * them). One pooled transport per server. Timeouts are short (an SMTP server that hangs must not
 * hold an outbox claim near its lease). An SMTP 5xx answer is permanent (`PermanentDeliveryError`:
 * the address does not exist, the message is refused for good); anything else is retried.
 *
 * Every header is set here from fixed text and the server's configuration: callers give a subject
 * made of fixed text and the site's name, never anything a commenter wrote.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { PermanentDeliveryError } from './outbox.js';

export interface Email {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** RFC 8058 one-click unsubscribe URL (`List-Unsubscribe` + `List-Unsubscribe-Post`). */
  unsubscribeUrl?: string;
}

export interface SendResult {
  /** The SMTP server's last answer (`250 OK: queued as …`). */
  response: string;
  messageId: string;
}

export interface MailerOptions {
  smtpUrl: string;
  from: string;
}

/** A header value without line breaks or control characters (defense in depth: nodemailer folds too). */
export const headerSafe = (value: string) => value.replace(/\p{Cc}+/gu, ' ').trim();

export class Mailer {
  readonly #transport: Transporter;
  readonly #from: string;

  constructor(options: MailerOptions) {
    this.#from = options.from;
    const url = new URL(options.smtpUrl);
    if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
    for (const [key, value] of [
      ['connectionTimeout', '20000'],
      ['greetingTimeout', '15000'],
      ['socketTimeout', '60000'],
    ] as const) {
      if (!url.searchParams.has(key)) url.searchParams.set(key, value);
    }
    this.#transport = nodemailer.createTransport(url.toString());
  }

  /** Sends one email now; throws `PermanentDeliveryError` on an SMTP 5xx, another error otherwise. */
  async send(email: Email): Promise<SendResult> {
    // Automated mail: no auto-replies back (RFC 3834).
    const headers: Record<string, string> = { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' };
    if (email.unsubscribeUrl) {
      headers['List-Unsubscribe'] = `<${headerSafe(email.unsubscribeUrl)}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    try {
      const info = await this.#transport.sendMail({
        from: this.#from,
        to: headerSafe(email.to),
        subject: headerSafe(email.subject),
        text: email.text,
        html: email.html,
        headers,
        disableFileAccess: true,
        disableUrlAccess: true,
      });
      return { response: String(info.response ?? ''), messageId: String(info.messageId ?? '') };
    } catch (error) {
      const code = (error as { responseCode?: unknown } | null)?.responseCode;
      if (typeof code === 'number' && code >= 500 && code < 600) {
        const permanent = new PermanentDeliveryError((error as Error).message);
        (permanent as { responseCode?: number }).responseCode = code;
        throw permanent;
      }
      throw error;
    }
  }

  close(): void {
    this.#transport.close();
  }
}
