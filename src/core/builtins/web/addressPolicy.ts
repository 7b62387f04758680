/**
 * Which IP addresses fetch_url may connect to. The auditor's model chooses the URLs, and a page it
 * reads may ask it to fetch something, so an address that reaches into the person's machine,
 * network or cloud account (loopback, RFC 1918, link-local, the metadata service …) is refused.
 * Classification is ipaddr.js's range table, not hand-written patterns: only 'unicast' passes, and
 * IPv6 forms that embed an IPv4 address (mapped, NAT64, 6to4) are judged by the address inside.
 */
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Cloud instance metadata endpoints: refused even when listed in allowHosts. */
const METADATA = [ipaddr.parse('169.254.169.254'), ipaddr.parse('fd00:ec2::254')];

const REASONS: Record<string, string> = {
  loopback: 'a loopback address',
  private: 'a private (RFC 1918) address',
  uniqueLocal: 'a private (unique local, fc00::/7) address',
  linkLocal: 'a link-local address',
  unspecified: 'the unspecified address',
  carrierGradeNat: 'a shared (CGNAT, 100.64.0.0/10) address',
  multicast: 'a multicast address',
  broadcast: 'the broadcast address',
  teredo: 'a Teredo tunnel address',
  rfc6052: 'a local-use NAT64 address',
};

/** A host name without URL brackets, trailing dot or case differences; IPs in one canonical form. */
export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (h.endsWith('.')) h = h.slice(0, -1);
  return isIP(h) ? ipaddr.parse(h).toString() : h;
}

export function isIpLiteral(host: string): boolean {
  return isIP(normalizeHost(host)) !== 0;
}

export function isMetadataAddress(address: string): boolean {
  const ip = parse(address);
  return ip !== undefined && METADATA.some((m) => m.kind() === ip.kind() && m.toString() === ip.toString());
}

/**
 * Why `address` must not be connected to, or undefined when it is a public unicast address.
 * Anything that does not parse as an IP is refused too: the caller only passes resolved addresses.
 */
export function blockedReason(address: string): string | undefined {
  const ip = parse(address);
  if (!ip) return 'not an IP address';
  if (isMetadataAddress(address)) return 'the cloud metadata service';
  if (ip.kind() === 'ipv6') {
    const embedded = embeddedIpv4(ip as ipaddr.IPv6);
    if (embedded !== undefined) {
      const inner = blockedReason(embedded);
      return inner ? `${inner} (embedded in an IPv6 address)` : undefined;
    }
  }
  const range = ip.range();
  if (range === 'unicast') return undefined;
  return REASONS[range] ?? `a reserved address (${range})`;
}

function parse(address: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const h = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (!isIP(h.split('%')[0])) return undefined;
  try {
    return ipaddr.parse(h);
  } catch {
    return undefined;
  }
}

/**
 * The IPv4 address an IPv6 address stands for, where the range is a translation of one:
 * IPv4-mapped and SIIT (::ffff:a.b.c.d, ::ffff:0:a.b.c.d), well-known NAT64 (64:ff9b::/96) and
 * 6to4 (2002:AABB:CCDD::). The local-use NAT64 prefix (64:ff9b:1::/48) leads into a private network
 * and is refused as such.
 */
function embeddedIpv4(ip: ipaddr.IPv6): string | undefined {
  const p = ip.parts;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
  switch (ip.range()) {
    case 'ipv4Mapped':
    case 'rfc6145':
      return v4(p[6], p[7]);
    case 'rfc6052':
      return p[2] === 0 && p[3] === 0 && p[4] === 0 && p[5] === 0 ? v4(p[6], p[7]) : undefined;
    case '6to4':
      return v4(p[1], p[2]);
    default:
      return undefined;
  }
}
