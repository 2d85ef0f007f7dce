// Who a client is for rate limits: its IPv4 address, or the /64 network of its IPv6 address (what one subscriber holds).

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function v4(s: string): string | null {
  const m = V4.exec(s);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts.join('.') : null;
}

/** The eight 16-bit groups of an IPv6 address (`::`, an embedded IPv4 tail and a zone id allowed), or null. */
function v6Groups(s: string): number[] | null {
  let text = s.replace(/%.*$/, '');
  const tail = /(?:^|:)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (tail) {
    const four = v4(tail[1]!);
    if (!four) return null;
    const [a, b, c, d] = four.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, text.length - tail[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const side = (h: string | undefined) => (h ? h.split(':') : []);
  const head = side(halves[0]);
  const rest = side(halves[1]);
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  if (!groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return null;
  return groups.map((g) => parseInt(g, 16));
}

/**
 * The rate-limit key of the address in `CF-Connecting-IP` (the only client address the Worker trusts: Cloudflare sets
 * it, a client cannot). IPv6 clients are counted per /64, since one subscriber is given a whole /64 to rotate through;
 * IPv4-mapped IPv6 counts as the IPv4 address. A value that is no address (never from Cloudflare) is its own key.
 */
export function clientKey(address: string | null | undefined): string {
  const s = (address ?? '').trim().replace(/^\[(.*)\]$/, '$1');
  if (!s) return 'unknown';
  const four = v4(s);
  if (four) return `ip4:${four}`;
  const g = s.includes(':') ? v6Groups(s) : null;
  if (!g) return `raw:${s.slice(0, 100)}`;
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return `ip4:${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`;
  return `ip6:${g.slice(0, 4).map((x) => x.toString(16)).join(':')}::/64`;
}
