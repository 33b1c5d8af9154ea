/** The moderation decision (WordPress-style rules) and the anti-spam checks it rests on. */
import { BlockList, isIP } from 'node:net';
import type { ModerationReason, StoredStatus } from 'comment-box/api';
import type { ServerConfig } from '../config.js';

/** Links in a comment: each `http(s)://` or `www.` occurrence. */
export function countLinks(text: string): number {
  return (text.match(/\bhttps?:\/\/|\bwww\./gi) ?? []).length;
}

/** What the owner's block lists send where: `hold` to moderation, `spam` to spam. */
export interface BlockLists {
  /** Literal words or phrases, case-insensitive, in text, name, email, website, address or user agent. */
  words: { hold: string[]; spam: string[] };
  /** Whole addresses (`a@b.example`) or domains (`b.example`, also its subdomains). */
  emails: { hold: string[]; spam: string[] };
  /** Addresses (`192.0.2.7`, `2001:db8::1`) or ranges in CIDR notation (`192.0.2.0/24`, `2001:db8::/32`). */
  ips: { hold: string[]; spam: string[] };
}

export const EMPTY_BLOCK_LISTS: BlockLists = {
  words: { hold: [], spam: [] },
  emails: { hold: [], spam: [] },
  ips: { hold: [], spam: [] },
};

/** Whether `entry` is an address or a CIDR range `BlockList` takes. */
export function isIpEntry(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/** The first entry of `entries` that covers `ip`, or undefined. */
function matchIp(entries: readonly string[], ip: string): string | undefined {
  const family = isIP(ip);
  if (family === 0) return undefined;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  return entries.find((entry) => {
    if (!isIpEntry(entry)) return false;
    const [address, prefix] = entry.split('/') as [string, string | undefined];
    const list = new BlockList();
    const entryType = isIP(address) === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, entryType);
    else list.addSubnet(address, Number(prefix), entryType);
    return list.check(ip, type);
  });
}

/** The first entry of `entries` that is the email, or its domain or a parent domain. */
function matchEmail(entries: readonly string[], email: string): string | undefined {
  const address = email.trim().toLowerCase();
  if (address === '') return undefined;
  const domain = address.slice(address.lastIndexOf('@') + 1);
  return entries.find((raw) => {
    const entry = raw.trim().toLowerCase();
    if (entry === '') return false;
    if (entry.includes('@')) return entry === address;
    const bare = entry.replace(/^[@.]+/, '');
    return bare !== '' && (domain === bare || domain.endsWith(`.${bare}`));
  });
}

/** The first word of `words` in the (lowercased) haystack: literal, linear in its length. */
function matchWord(words: readonly string[], haystack: string): string | undefined {
  return words.find((w) => w.trim() !== '' && haystack.includes(w.trim().toLowerCase()));
}

export interface ModerationInput {
  content: string;
  name: string;
  email: string;
  url: string;
  ip: string;
  userAgent: string;
  honeypot: boolean;
}

export interface Decision {
  status: StoredStatus;
  /** Why it was held or sent to spam; null when approved. */
  reason: ModerationReason | null;
}

/** Whether `moderate` looks at `approvedBefore` (only to hold first-time commenters). */
export const moderationUsesHistory = (config: Pick<ServerConfig, 'moderation'>) => config.moderation === 'first-time';

/** The moderation decision, WordPress-style (`moderation_keys` hold, `disallowed_keys` spam). */
export function moderate(
  config: Pick<ServerConfig, 'moderation' | 'maxLinks' | 'spamWords'> & { blocks?: BlockLists },
  input: ModerationInput,
  approvedBefore: boolean,
): Decision {
  if (input.honeypot) return { status: 'spam', reason: { code: 'honeypot' } };
  const haystack = [input.content, input.name, input.email, input.url, input.ip, input.userAgent]
    .join('\n')
    .toLowerCase();
  const blocks = config.blocks ?? EMPTY_BLOCK_LISTS;
  const spamWord = matchWord(config.spamWords, haystack);
  if (spamWord !== undefined) return { status: 'spam', reason: { code: 'spam-word', detail: spamWord } };
  for (const status of ['spam', 'pending'] as const) {
    const key = status === 'spam' ? 'spam' : 'hold';
    const word = matchWord(blocks.words[key], haystack);
    if (word !== undefined) return { status, reason: { code: 'block-word', detail: word } };
    const email = matchEmail(blocks.emails[key], input.email);
    if (email !== undefined) return { status, reason: { code: 'block-email', detail: email } };
    const ip = matchIp(blocks.ips[key], input.ip);
    if (ip !== undefined) return { status, reason: { code: 'block-ip', detail: ip } };
  }
  if (config.moderation === 'all') return { status: 'pending', reason: { code: 'all' } };
  if (config.moderation === 'first-time' && !approvedBefore)
    return { status: 'pending', reason: { code: 'first-time' } };
  if (countLinks(input.content) >= config.maxLinks) return { status: 'pending', reason: { code: 'links' } };
  return { status: 'approved', reason: null };
}

/** A reason as stored in `comments.moderation_reason`: `code` or `code:detail`. */
export function encodeReason(reason: ModerationReason | null): string | null {
  if (!reason) return null;
  return reason.detail === undefined ? reason.code : `${reason.code}:${reason.detail}`;
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
