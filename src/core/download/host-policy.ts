import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { isPublicAddress } from './address.js';
import { DownloadError } from './download-error.js';

/** Resolves a host name to all its addresses; injectable so tests need no real DNS. */
export type Lookup = (hostname: string) => Promise<readonly LookupAddress[]>;

export const systemLookup: Lookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * Where platform attachments live: Discord's CDN and media proxy, Slack's file store (and the workspace login
 * page it redirects to without a valid token), GovSlack's. A domain matches itself and its subdomains.
 */
export const PLATFORM_DOMAINS = ['discordapp.com', 'discordapp.net', 'slack.com', 'slack-files.com', 'slack-gov.com'];

export interface HostPolicy {
  readonly origin: 'platform' | 'user';
  /** `host[:port]` entries reachable whatever their address, loopback included. */
  readonly allowHosts: readonly string[];
  readonly lookup: Lookup;
}

/**
 * Checks one hop of a download and returns the address to connect to (undefined for an IP literal, which
 * needs no lookup). Every address a name resolves to must be public, or the name is refused: the caller
 * connects to exactly the returned address, so a second, different DNS answer cannot slip through.
 */
export async function resolveHop(url: URL, policy: HostPolicy): Promise<LookupAddress | undefined> {
  const host = hostnameOf(url);
  const allowListed = policy.allowHosts.some((entry) => matchesEntry(url, entry));
  if (!allowListed && policy.origin === 'platform' && !PLATFORM_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`))) {
    throw new DownloadError('host-not-allowed', "That attachment isn't on Discord's or Slack's file servers, so I won't fetch it.");
  }
  if (isIP(host) !== 0) {
    if (!allowListed && !isPublicAddress(host)) throw privateAddress();
    return undefined;
  }
  let addresses: readonly LookupAddress[];
  try {
    addresses = await policy.lookup(host);
  } catch {
    addresses = [];
  }
  const [first] = addresses;
  if (first === undefined) throw new DownloadError('dns', `I couldn't find the server ${host}: is the link right?`);
  if (!allowListed && !addresses.every((entry) => isPublicAddress(entry.address))) throw privateAddress();
  return first;
}

/** Lowercase, without IPv6 brackets or a trailing dot. */
export function hostnameOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase();
}

function matchesEntry(url: URL, entry: string): boolean {
  const trimmed = entry.trim();
  let parsed: URL;
  try {
    parsed = new URL(`http://${trimmed}`);
  } catch {
    return false;
  }
  const port = /:(\d+)$/.exec(trimmed)?.[1];
  return hostnameOf(parsed) === hostnameOf(url) && (port === undefined || Number(port) === effectivePort(url));
}

const effectivePort = (url: URL): number => (url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port));

const privateAddress = () => new DownloadError('private-address', 'That address points to a private network, so I won\'t fetch it.');
