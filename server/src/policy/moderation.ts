/** The moderation decision (WordPress-style rules) and the anti-spam checks it rests on. */
import type { StoredStatus } from 'comment-box/api';
import type { ServerConfig } from '../config.js';

/** Links in a comment: each `http(s)://` or `www.` occurrence. */
export function countLinks(text: string): number {
  return (text.match(/\bhttps?:\/\/|\bwww\./gi) ?? []).length;
}

/** The moderation decision, WordPress-style. */
export function moderate(
  config: Pick<ServerConfig, 'moderation' | 'maxLinks' | 'spamWords'>,
  input: {
    content: string;
    name: string;
    email: string;
    url: string;
    ip: string;
    userAgent: string;
    honeypot: boolean;
  },
  approvedBefore: boolean,
): StoredStatus {
  if (input.honeypot) return 'spam';
  const haystack = [input.content, input.name, input.email, input.url, input.ip, input.userAgent]
    .join('\n')
    .toLowerCase();
  if (config.spamWords.some((w) => w !== '' && haystack.includes(w.toLowerCase()))) return 'spam';
  if (config.moderation === 'all') return 'pending';
  if (config.moderation === 'first-time' && !approvedBefore) return 'pending';
  if (countLinks(input.content) >= config.maxLinks) return 'pending';
  return 'approved';
}

/**
 * The seconds a post must still wait when its form was sent sooner than `minSubmitMs` after it was
 * shown (`elapsedMs`, the `_t` field; none counts as 0), or null when it is not too fast.
 */
export function tooFastRetryAfter(minSubmitMs: number, elapsedMs: number | undefined): number | null {
  const elapsed = elapsedMs ?? 0;
  if (minSubmitMs <= 0 || elapsed >= minSubmitMs) return null;
  return Math.max(1, Math.ceil((minSubmitMs - elapsed) / 1000));
}
