/**
 * The webhook's settings: where (`webhookUrl`), in which shape (`webhookFormat`), which events
 * (`webhookEvents`) and the signature's key (`webhookSecret`). Each is set in the desk (kept in the
 * database, `store/settings.ts`) or by a flag or environment variable; one given by a flag or the
 * environment wins, and the desk shows it read-only ("set by the server's environment"): whoever
 * deploys the server with a webhook in its environment gets that webhook, whatever the desk saved.
 */
import { WEBHOOK_EVENTS, WEBHOOK_FORMATS, isWebhookUrl, type WebhookEvent, type WebhookFormat } from 'comment-box/api';

export interface WebhookConfig {
  /** Where webhooks are POSTed; '' for none. */
  webhookUrl: string;
  webhookFormat: WebhookFormat;
  webhookEvents: WebhookEvent[];
  /** Key of the HMAC-SHA256 signature; '' for none (JSON is then sent unsigned). */
  webhookSecret: string;
  /** A webhook request taking longer is abandoned and retried, ms. No flag. */
  webhookTimeoutMs: number;
  /** The webhook settings a flag or environment variable gave: the desk cannot change them. */
  webhookFromEnvironment: Array<'webhookUrl' | 'webhookFormat' | 'webhookEvents' | 'webhookSecret'>;
}

/** An environment variable's value; empty counts as unset. */
const set = (v: string | undefined) => (v === '' ? undefined : v);

/** `--webhook-url`, `--webhook-format`, `--webhook-secret`, `--webhook-events` and their environment variables. */
export function webhookSettings(
  f: { 'webhook-url'?: string; 'webhook-format'?: string; 'webhook-secret'?: string; 'webhook-events'?: string },
  env: NodeJS.ProcessEnv,
): Omit<WebhookConfig, 'webhookTimeoutMs'> {
  const fromEnvironment: WebhookConfig['webhookFromEnvironment'] = [];
  const out: Omit<WebhookConfig, 'webhookTimeoutMs' | 'webhookFromEnvironment'> = {
    webhookUrl: '',
    webhookFormat: 'json',
    webhookEvents: [...WEBHOOK_EVENTS],
    webhookSecret: '',
  };
  const url = (f['webhook-url'] ?? set(env.COMMENT_BOX_WEBHOOK_URL))?.trim();
  if (url !== undefined) {
    // Never quote the value: a Slack or Discord webhook URL is itself a secret.
    if (url === '' || !isWebhookUrl(url)) {
      throw new Error(
        '--webhook-url (COMMENT_BOX_WEBHOOK_URL) must be an http(s) URL such as https://hooks.slack.com/services/…',
      );
    }
    out.webhookUrl = url;
    fromEnvironment.push('webhookUrl');
  }
  const format = (f['webhook-format'] ?? set(env.COMMENT_BOX_WEBHOOK_FORMAT))?.trim();
  if (format !== undefined) {
    if (!(WEBHOOK_FORMATS as readonly string[]).includes(format)) {
      throw new Error(`--webhook-format (COMMENT_BOX_WEBHOOK_FORMAT) must be json, slack or discord, got "${format}"`);
    }
    out.webhookFormat = format as WebhookFormat;
    fromEnvironment.push('webhookFormat');
  }
  const secret = f['webhook-secret'] ?? set(env.COMMENT_BOX_WEBHOOK_SECRET);
  if (secret !== undefined) {
    if (!/^[\x21-\x7e]{16,200}$/.test(secret)) {
      throw new Error(
        '--webhook-secret (COMMENT_BOX_WEBHOOK_SECRET) must be 16 to 200 visible ASCII characters (no spaces); `openssl rand -hex 32` makes one',
      );
    }
    out.webhookSecret = secret;
    fromEnvironment.push('webhookSecret');
  }
  const events = f['webhook-events'] ?? set(env.COMMENT_BOX_WEBHOOK_EVENTS);
  if (events !== undefined) {
    const list = events
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean);
    const unknown = list.find((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e));
    if (unknown !== undefined || list.length === 0) {
      throw new Error(
        `--webhook-events (COMMENT_BOX_WEBHOOK_EVENTS) takes a comma-separated list of ${WEBHOOK_EVENTS.join(', ')}, got "${events.replace(/\p{Cc}/gu, '?')}"`,
      );
    }
    out.webhookEvents = WEBHOOK_EVENTS.filter((e) => list.includes(e));
    fromEnvironment.push('webhookEvents');
  }
  return { ...out, webhookFromEnvironment: fromEnvironment };
}
