// Which IP addresses a fetch may connect to: public unicast only; loopback too with CLEARANCE_FETCH_ALLOW_LOOPBACK=1 (127.0.0.0/8 and ::1).
import { isIPv4, isIPv6 } from 'node:net';
import { fetchAllowLoopback } from './config.js';

const ALLOW_LOOPBACK_ENV = 'CLEARANCE_FETCH_ALLOW_LOOPBACK';

/** Read at every check, so a process (or a test) can switch it. */
export function loopbackAllowed(): boolean {
  return fetchAllowLoopback();
}

export interface AddressVerdict {
  /** 'public', or the special-purpose range the address is in. */
  kind: string;
  loopback: boolean;
}

// IPv4 special-purpose ranges (IANA registry, RFC 6890 and successors): [first address, prefix length, kind].
const V4: [string, number, string][] = [
  ['0.0.0.0', 8, 'this-network (0.0.0.0/8)'],
  ['10.0.0.0', 8, 'private (10.0.0.0/8)'],
  ['100.64.0.0', 10, 'shared/CGNAT (100.64.0.0/10)'],
  ['127.0.0.0', 8, 'loopback (127.0.0.0/8)'],
  ['169.254.0.0', 16, 'link-local (169.254.0.0/16)'],
  ['172.16.0.0', 12, 'private (172.16.0.0/12)'],
  ['192.0.0.0', 24, 'IETF protocol assignments (192.0.0.0/24)'],
  ['192.0.2.0', 24, 'documentation (192.0.2.0/24)'],
  ['192.88.99.0', 24, '6to4 relay anycast (192.88.99.0/24)'],
  ['192.168.0.0', 16, 'private (192.168.0.0/16)'],
  ['198.18.0.0', 15, 'benchmarking (198.18.0.0/15)'],
  ['198.51.100.0', 24, 'documentation (198.51.100.0/24)'],
  ['203.0.113.0', 24, 'documentation (203.0.113.0/24)'],
  ['224.0.0.0', 4, 'multicast (224.0.0.0/4)'],
  ['240.0.0.0', 4, 'reserved (240.0.0.0/4, broadcast included)'],
];

const v4Number = (ip: string) => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
const V4_RANGES = V4.map(([base, bits, kind]) => ({ base: v4Number(base), size: 2 ** (32 - bits), kind }));

function classifyV4(n: number): AddressVerdict {
  for (const r of V4_RANGES) if (n >= r.base && n < r.base + r.size) return { kind: r.kind, loopback: r.kind.startsWith('loopback') };
  return { kind: 'public', loopback: false };
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a dotted IPv4 tail converted, no zone). */
function ipv6Groups(ip: string): number[] {
  let s = ip;
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (tail) {
    const n = v4Number(tail[1]!);
    s = `${s.slice(0, tail.index)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, rest] = s.includes('::') ? s.split('::') : [s, undefined];
  const a = head ? head.split(':') : [];
  const b = rest !== undefined && rest !== '' ? rest.split(':') : [];
  const fill = rest === undefined ? [] : Array.from({ length: 8 - a.length - b.length }, () => '0');
  return [...a, ...fill, ...b].map((g) => parseInt(g, 16));
}

function classifyV6(ip: string): AddressVerdict {
  const zone = ip.indexOf('%');
  if (zone >= 0) return { kind: 'scoped (zone id)', loopback: false };
  const g = ipv6Groups(ip);
  const v4At = (i: number) => g[i]! * 65536 + g[i + 1]!;
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 8)) return { kind: 'unspecified (::)', loopback: false };
  if (zeros(0, 7) && g[7] === 1) return { kind: 'loopback (::1)', loopback: true };
  if (zeros(0, 5) && g[5] === 0xffff) {
    const inner = classifyV4(v4At(6));
    return { kind: `IPv4-mapped (::ffff:0:0/96) of ${inner.kind === 'public' ? 'a public address' : inner.kind}`, loopback: false };
  }
  if (zeros(0, 6)) return { kind: 'IPv4-compatible (::/96, deprecated)', loopback: false };
  if (g[0] === 0x64 && g[1] === 0xff9b) return { kind: 'NAT64 (64:ff9b::/96, 64:ff9b:1::/48)', loopback: false };
  if (g[0] === 0x100 && zeros(1, 4)) return { kind: 'discard-only (100::/64)', loopback: false };
  if (g[0] === 0x2001 && g[1]! < 0x200) return { kind: 'IETF protocol assignments (2001::/23, Teredo included)', loopback: false };
  if (g[0] === 0x2001 && g[1] === 0xdb8) return { kind: 'documentation (2001:db8::/32)', loopback: false };
  if (g[0] === 0x2002) return { kind: '6to4 (2002::/16)', loopback: false };
  if (g[0] === 0x3fff && g[1]! < 0x1000) return { kind: 'documentation (3fff::/20)', loopback: false };
  if (g[0] === 0x5f00) return { kind: 'SRv6 SIDs (5f00::/16)', loopback: false };
  if ((g[0]! & 0xfe00) === 0xfc00) return { kind: 'unique-local (fc00::/7)', loopback: false };
  if ((g[0]! & 0xffc0) === 0xfe80) return { kind: 'link-local (fe80::/10)', loopback: false };
  if ((g[0]! & 0xffc0) === 0xfec0) return { kind: 'site-local (fec0::/10, deprecated)', loopback: false };
  if ((g[0]! & 0xff00) === 0xff00) return { kind: 'multicast (ff00::/8)', loopback: false };
  if ((g[0]! & 0xe000) !== 0x2000) return { kind: 'not global unicast (outside 2000::/3)', loopback: false };
  return { kind: 'public', loopback: false };
}

/** The class of an IP address in its canonical text form (as DNS answers or a parsed URL give it); undefined when it is not an IP. */
export function classifyAddress(ip: string): AddressVerdict | undefined {
  const bare = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  if (isIPv4(bare)) return classifyV4(v4Number(bare));
  if (isIPv6(bare.split('%')[0]!)) return classifyV6(bare);
  return undefined;
}

/** Why a fetch may not connect to `ip`, or undefined when it may. Loopback passes only with the opt-in. */
export function refusal(ip: string, allowLoopback = loopbackAllowed()): string | undefined {
  const v = classifyAddress(ip);
  if (!v) return `${ip} is not an IP address`;
  if (v.kind === 'public' || (v.loopback && allowLoopback)) return undefined;
  const hint = v.loopback ? ` (set ${ALLOW_LOOPBACK_ENV}=1 to allow loopback for local servers)` : '';
  return `${ip} is ${/^[aeiou]/i.test(v.kind) ? 'an' : 'a'} ${v.kind} address${hint}`;
}
