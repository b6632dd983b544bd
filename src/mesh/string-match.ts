// Istio's string and address matching: exact, "prefix*", "*suffix", "*" (presence), and IP/CIDR blocks.
// Istio: pilot/pkg/security/authz/matcher/string.go and pilot/pkg/serviceregistry/kube/controller/ambient/authorization.go
// (stringToMatch) — a "*" anywhere else is a literal character, never a glob.

// Whether one Istio match value matches a string (undefined = the attribute is absent).
export function matchesIstioString(
  pattern: string,
  value: string | undefined,
  caseInsensitive = false,
): boolean {
  if (value === undefined) return false;
  const v = caseInsensitive ? value.toLowerCase() : value;
  const p = caseInsensitive ? pattern.toLowerCase() : pattern;
  if (p === '*') return v.length > 0;
  if (p.startsWith('*')) return v.endsWith(p.slice(1));
  if (p.endsWith('*')) return v.startsWith(p.slice(0, -1));
  return v === p;
}

// Whether any of the values matches.
export function matchesAnyIstioString(
  patterns: readonly string[],
  value: string | undefined,
  caseInsensitive = false,
): boolean {
  for (const p of patterns) if (matchesIstioString(p, value, caseInsensitive)) return true;
  return false;
}

// IPv4 dotted quad → 32-bit number, or undefined when it is not one.
export function parseIPv4(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    n = n * 256 + octet;
  }
  return n;
}

// Whether an IP is inside an IP or CIDR block ("10.0.0.0/8", "10.1.2.3"); IPv6 compares literally.
export function ipInBlock(ip: string | undefined, block: string): boolean {
  if (ip === undefined) return false;
  const [base, bits] = block.split('/');
  const addr = parseIPv4(ip);
  const net = parseIPv4(base ?? '');
  if (addr === undefined || net === undefined) return ip === base;
  const prefix = bits === undefined ? 32 : Number(bits);
  if (prefix === 0) return true;
  const mask = 2 ** 32 - 2 ** (32 - prefix);
  return (addr & mask) >>> 0 === (net & mask) >>> 0;
}
