/**
 * Who is asking: the client's address (the socket's, or a trusted proxy's `X-Forwarded-For`) and the
 * key rate limits and stream slots count it by.
 */
import { isIP } from 'node:net';

/** Expands an IPv6 address to its 8 groups, or null when it is not one. */
function ipv6Groups(address: string): string[] | null {
  if (isIP(address) !== 6) return null;
  let addr = address.split('%')[0]!;
  // A trailing dotted IPv4 part becomes two groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(addr);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    addr = addr.slice(0, v4.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = addr.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array<string>(8 - h.length - t.length).fill('0');
  return [...h, ...fill, ...t].map((g) => g.toLowerCase().padStart(4, '0'));
}

/**
 * The rate-limit key of an address: the address itself for IPv4 (also IPv4-mapped IPv6), the /64
 * prefix for IPv6 (one household or server usually holds a whole /64).
 */
export function clientKey(address: string): string {
  if (isIP(address) === 4) return address;
  const groups = ipv6Groups(address);
  if (!groups) return address || 'unknown';
  if (groups.slice(0, 5).every((g) => g === '0000') && groups[5] === 'ffff') {
    const n = (i: number) => parseInt(groups[i]!, 16);
    return `${n(6) >> 8}.${n(6) & 255}.${n(7) >> 8}.${n(7) & 255}`;
  }
  return `${groups.slice(0, 4).join(':')}::/64`;
}

/**
 * The client's address: the socket's, or, behind a trusted proxy, the last address the proxy
 * appended to `X-Forwarded-For`.
 */
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | undefined,
  trustProxy: boolean,
): string {
  if (trustProxy && forwardedFor) {
    const last = forwardedFor
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .at(-1);
    if (last && isIP(last)) return last;
  }
  return socketAddress ?? 'unknown';
}

/**
 * The address as the request log writes it, anonymized: an IPv4 address (also IPv4-mapped IPv6)
 * without its last byte (`203.0.113.0`), an IPv6 address cut to its /48 (`2001:db8:85a3::`). It
 * tells a network apart from another (an attack from one provider, a proxy misconfigured), never
 * one reader from their neighbours. Anything that is not an address is `unknown`.
 */
export function anonymizeAddress(address: string): string {
  let anonymized = anonymized_.get(address);
  if (anonymized === undefined) {
    // Bounded: a busy server sees many addresses; the cache only spares re-parsing the same ones.
    if (anonymized_.size >= 10_000) anonymized_.clear();
    anonymized_.set(address, (anonymized = anonymize(address)));
  }
  return anonymized;
}

/** Addresses already anonymized (the request log asks once per request). */
const anonymized_ = new Map<string, string>();

function anonymize(address: string): string {
  const key = clientKey(address);
  if (isIP(key) === 4) return key.replace(/\.\d+$/, '.0');
  const groups = ipv6Groups(address);
  if (!groups) return 'unknown';
  return `${groups
    .slice(0, 3)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::`;
}
