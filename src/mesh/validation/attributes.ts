// Value checks shared by the webhook validators. Istio: pkg/config/security/security.go.
import { parseIPv4 } from '../string-match.ts';

// "empty value not allowed, found in KEY" for the first empty string.
export function checkEmptyValues(key: string, values: unknown): string | undefined {
  return Array.isArray(values) && values.some((v) => v === '')
    ? `empty value not allowed, found in ${key}`
    : undefined;
}

function isIp(v: string): boolean {
  return parseIPv4(v) !== undefined || (/^[0-9a-fA-F:]+$/.test(v) && v.includes(':'));
}

// "bad CIDR range (...)" / "bad IP address (...)" for each malformed entry.
export function validateIps(values: unknown): string[] {
  const out: string[] = [];
  for (const v of Array.isArray(values) ? (values as string[]) : []) {
    if (v.includes('/')) {
      const [ip, bits] = v.split('/');
      const max = parseIPv4(ip ?? '') !== undefined ? 32 : 128;
      if (!isIp(ip ?? '') || !/^\d+$/.test(bits ?? '') || Number(bits) > max)
        out.push(`bad CIDR range (${v}): netip.ParsePrefix("${v}"): bad bits after slash: "${bits}"`);
    } else if (!isIp(v)) out.push(`bad IP address (${v})`);
  }
  return out;
}

// "bad port (...)" for each entry that is not a plain integer ≤ 65535.
export function validatePorts(values: unknown): string[] {
  const out: string[] = [];
  for (const v of Array.isArray(values) ? (values as string[]) : []) {
    if (!/^\d+$/.test(v)) out.push(`bad port (${v}): strconv.ParseUint: parsing "${v}": invalid syntax`);
    else if (Number(v) > 65535) out.push(`bad port (${v}): <nil>`);
  }
  return out;
}

// Service account values: no wildcards, "sa" or "ns/sa", at most 16.
export function checkServiceAccount(key: string, values: unknown): string | undefined {
  if (!Array.isArray(values)) return undefined;
  if (values.length > 16) return 'may not have more than 16 values';
  for (const v of values as string[]) {
    if (v === '') return `empty value not allowed, found in ${key}`;
    if (v.includes('*')) return `wildcard not allowed, found in ${key}`;
    const slashes = v.split('/').length - 1;
    if (slashes > 1)
      return `expected format 'serviceAccount' or 'namespace/serviceAccount', found "${v}" in ${key}`;
    if (v.length > 320) return `value cannot exceed 320 characters, found "${v}" in ${key}`;
    const [ns, sa] = v.split('/');
    if (slashes === 1 && !ns)
      return `expected format 'serviceAccount' or 'namespace/serviceAccount', found empty namespace "${v}" in ${key}`;
    if (slashes === 1 && !sa)
      return `expected format 'serviceAccount' or 'namespace/serviceAccount', found empty serviceAccount "${v}" in ${key}`;
  }
  return undefined;
}

function mapKey(key: string): string | undefined {
  const open = key.indexOf('[');
  return key.endsWith(']') && open > 0 && open < key.length - 2
    ? undefined
    : `bad key (${key}): should have format a[b]`;
}

// ValidateAttribute: which `when` keys exist and what their values must look like.
export function validateAttribute(key: string, values: unknown): string | undefined {
  const empty = checkEmptyValues(key, values);
  if (empty) return empty;
  if (key.startsWith('request.headers')) return mapKey(key);
  if (key === 'source.ip' || key === 'remote.ip' || key === 'destination.ip') return validateIps(values)[0];
  if (key === 'source.serviceAccount') return checkServiceAccount(key, values);
  if (
    [
      'source.namespace',
      'source.principal',
      'request.auth.principal',
      'request.auth.audiences',
      'request.auth.presenter',
      'connection.sni',
    ].includes(key)
  )
    return undefined;
  if (key.startsWith('request.auth.claims')) return mapKey(key);
  if (key === 'destination.port') return validatePorts(values)[0];
  if (key.startsWith('experimental.envoy.filters.')) return mapKey(key);
  if (key === 'destination.namespace') return `attribute ${key} is replaced by the metadata.namespace`;
  if (key.startsWith('destination.labels')) return `attribute ${key} is replaced by the workload selector`;
  if (key === 'destination.name' || key === 'destination.user')
    return `deprecated attribute ${key}: only supported in v1alpha1`;
  return `unknown attribute: ${key}`;
}

const TEMPLATE_SEGMENT = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%]*$/;

// Path templates: {*} and {**} only as whole segments, {**} last.
export function checkPathTemplates(key: string, paths: unknown): string | undefined {
  for (const raw of Array.isArray(paths) ? (paths as string[]) : []) {
    const hasTemplate = raw.includes('{*}') || raw.includes('{**}');
    const path = raw.replace(/^\/+|\/+$/g, '');
    let sawAny = false;
    for (const glob of path.split('/')) {
      if (glob === '{*}' && !sawAny) continue;
      if (glob === '{**}' && !sawAny) {
        sawAny = true;
        continue;
      }
      if ((glob === '{*}' || glob === '{**}') && sawAny)
        return `invalid or unsupported path ${path}, found in ${key}. {**} is not the last operator`;
      if (/[{}]/.test(glob))
        return `invalid or unsupported path ${path}, found in ${key}. Contains '{' or '}' beyond a supported path template`;
      if (hasTemplate && !TEMPLATE_SEGMENT.test(glob))
        return `invalid or unsupported path ${path}, found in ${key}. Contains segment ${glob} with invalid string literal`;
    }
  }
  return undefined;
}
