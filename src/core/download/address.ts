import { isIP } from 'node:net';

interface Range {
  readonly bytes: readonly number[];
  readonly prefix: number;
}

/**
 * IPv4 ranges that are not the public internet (IANA special-purpose registry): a stranger's link must never
 * make the bot reach into its own host, its network or a cloud metadata service.
 */
const IPV4_NON_PUBLIC = [
  '0.0.0.0/8', // "this network", unspecified
  '10.0.0.0/8',
  '100.64.0.0/10', // carrier-grade NAT
  '127.0.0.0/8',
  '169.254.0.0/16', // link-local, cloud metadata
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.88.99.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/4', // multicast
  '240.0.0.0/4', // reserved and broadcast
].map(parseRange);

/** Only 2000::/3 is global unicast; these parts of it are not reachable public hosts. */
const IPV6_GLOBAL = parseRange('2000::/3');
const IPV6_NON_PUBLIC = ['2001::/23', '2001:db8::/32', '3fff::/20'].map(parseRange);

/** Prefixes that carry an IPv4 address, which must be public too: [range, offset of the IPv4 bytes]. */
const IPV6_EMBEDDING_IPV4: ReadonlyArray<readonly [Range, number]> = [
  [parseRange('::ffff:0:0/96'), 12], // IPv4-mapped
  [parseRange('64:ff9b::/96'), 12], // NAT64
  [parseRange('2002::/16'), 2], // 6to4
];

/** True only for an address on the public internet; anything unparsable counts as not public. */
export function isPublicAddress(address: string): boolean {
  const bytes = parseAddress(address);
  if (bytes === undefined) return false;
  if (bytes.length === 4) return !IPV4_NON_PUBLIC.some((range) => inRange(bytes, range));
  for (const [range, offset] of IPV6_EMBEDDING_IPV4) {
    if (inRange(bytes, range)) return isPublicAddress(bytes.slice(offset, offset + 4).join('.'));
  }
  return inRange(bytes, IPV6_GLOBAL) && !IPV6_NON_PUBLIC.some((range) => inRange(bytes, range));
}

function inRange(bytes: readonly number[], range: Range): boolean {
  if (bytes.length !== range.bytes.length) return false;
  for (let bit = 0; bit < range.prefix; bit++) {
    const mask = 0x80 >> bit % 8;
    if (((bytes[bit >> 3] ?? 0) & mask) !== ((range.bytes[bit >> 3] ?? 0) & mask)) return false;
  }
  return true;
}

function parseRange(cidr: string): Range {
  const [address = '', prefix = ''] = cidr.split('/');
  const bytes = parseAddress(address);
  if (bytes === undefined) throw new Error(`bad range ${cidr}`);
  return { bytes, prefix: Number(prefix) };
}

/** 4 or 16 bytes; a zone (`fe80::1%eth0`) and URL brackets are ignored. */
export function parseAddress(text: string): number[] | undefined {
  const address = text.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  const version = isIP(address);
  if (version === 4) return address.split('.').map(Number);
  if (version !== 6) return undefined;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  const hex = dotted?.[1] === undefined ? address : address.slice(0, -dotted[1].length) + ipv4AsHex(dotted[1]);
  const [head = '', tail] = hex.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const words = tail === undefined ? groups(head) : [...groups(head), ...zeros(8 - groups(head).length - groups(tail).length), ...groups(tail)];
  return words.flatMap((word) => [word >> 8, word & 0xff]);
}

function zeros(count: number): number[] {
  return new Array<number>(count).fill(0);
}

function ipv4AsHex(ipv4: string): string {
  const [a = 0, b = 0, c = 0, d = 0] = ipv4.split('.').map(Number);
  return `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}
