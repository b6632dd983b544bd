// RequestAuthentication: JWT verification as Envoy's jwt_authn filter does it for Istio, with jose.
// Istio: pilot/pkg/security/authn/policy_applier.go — every RequestAuthentication becomes a jwt_authn requirement
// "any configured provider OR allow_missing", so a request without a token passes (with no request principal) and a
// request with a bad token gets 401. Messages: google/jwt_verify_lib src/status.cc; the exp/nbf check allows
// Envoy's default clock skew of 60 s.
import { compactVerify, createLocalJWKSet, decodeProtectedHeader } from 'jose';
import type { KubeObject } from './types.ts';

const CLOCK_SKEW_SECONDS = 60;

// What jwt_authn decided for one request.
export type JwtOutcome =
  | { kind: 'none'; note: string }
  | {
      kind: 'verified';
      principal: string;
      claims: Record<string, unknown>;
      policy: KubeObject;
      forwardToken: boolean;
      tokenHeader: string | undefined;
      outputHeaders: Array<[string, string]>; // outputPayloadToHeader and outputClaimToHeaders, added to the request
    }
  | { kind: 'rejected'; status: 401 | 403; message: string; policy: KubeObject | undefined; note: string };

interface Located {
  token: string;
  header: string | undefined;
}

function rulesOf(policies: readonly KubeObject[]): Array<{ rule: any; policy: KubeObject }> {
  return policies.flatMap((p) => ((p.spec?.jwtRules ?? []) as any[]).map((rule) => ({ rule, policy: p })));
}

// Find a token in the configured locations (default: "Authorization: Bearer <token>" or ?access_token=).
function locateToken(
  rules: Array<{ rule: any }>,
  headers: Record<string, string>,
  query: URLSearchParams,
): Located | undefined {
  for (const { rule } of rules) {
    const fromHeaders = (rule.fromHeaders ?? []) as Array<{ name: string; prefix?: string }>;
    const locations = fromHeaders.length > 0 ? fromHeaders : [{ name: 'authorization', prefix: 'Bearer ' }];
    for (const loc of locations) {
      const value = headers[loc.name.toLowerCase()];
      if (value === undefined) continue;
      const prefix = loc.prefix ?? '';
      if (!value.startsWith(prefix)) continue;
      return { token: value.slice(prefix.length).trim(), header: loc.name.toLowerCase() };
    }
    const params = (rule.fromParams ?? []) as string[];
    for (const name of params.length > 0 || fromHeaders.length > 0 ? params : ['access_token']) {
      const value = query.get(name);
      if (value) return { token: value, header: undefined };
    }
  }
  return undefined;
}

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const json = new TextDecoder().decode(
      Uint8Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)),
    );
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function audiencesOf(payload: Record<string, unknown>): string[] {
  const aud = payload.aud;
  return Array.isArray(aud) ? aud.map(String) : typeof aud === 'string' ? [aud] : [];
}

function reject(
  status: 401 | 403,
  message: string,
  policy: KubeObject | undefined,
  note: string,
): JwtOutcome {
  return { kind: 'rejected', status, message, policy, note };
}

// Verify the request's JWT against the RequestAuthentications that reach this proxy.
export async function authenticateRequest(options: {
  policies: readonly KubeObject[];
  headers: Record<string, string>;
  query: URLSearchParams;
  now: number;
}): Promise<JwtOutcome> {
  const rules = rulesOf(options.policies);
  if (rules.length === 0) return { kind: 'none', note: 'No RequestAuthentication applies here.' };
  const located = locateToken(rules, options.headers, options.query);
  if (!located)
    return {
      kind: 'none',
      note: 'No JWT in the request; RequestAuthentication lets it through without a request principal (allow_missing).',
    };
  const parts = located.token.split('.');
  if (parts.length !== 3)
    return reject(
      401,
      'Jwt is not in the form of Header.Payload.Signature with two dots and 3 sections',
      undefined,
      'The bearer token is not a JWT.',
    );
  const header = decodePart(parts[0]!);
  if (!header)
    return reject(401, 'Jwt header is an invalid JSON', undefined, 'The JWT header is not base64url JSON.');
  const payload = decodePart(parts[1]!);
  if (!payload)
    return reject(401, 'Jwt payload is an invalid JSON', undefined, 'The JWT payload is not base64url JSON.');
  const iss = typeof payload.iss === 'string' ? payload.iss : '';
  const match = rules.find(({ rule }) => rule.issuer === iss);
  if (!match)
    return reject(401, 'Jwt issuer is not configured', undefined, `No jwtRule has issuer "${iss}".`);
  const { rule, policy } = match;
  const nowSeconds = Math.floor(options.now / 1000);
  if (typeof payload.exp === 'number' && nowSeconds > payload.exp + CLOCK_SKEW_SECONDS)
    return reject(
      401,
      'Jwt is expired',
      policy,
      `exp ${payload.exp} is before the request time ${nowSeconds}.`,
    );
  if (typeof payload.nbf === 'number' && nowSeconds + CLOCK_SKEW_SECONDS < payload.nbf)
    return reject(
      401,
      'Jwt not yet valid',
      policy,
      `nbf ${payload.nbf} is after the request time ${nowSeconds}.`,
    );
  const allowed = (rule.audiences ?? []) as string[];
  if (allowed.length > 0 && !audiencesOf(payload).some((a) => allowed.includes(a)))
    return reject(
      403,
      'Audiences in Jwt are not allowed',
      policy,
      `The token's aud is not one of ${allowed.join(', ')}.`,
    );
  const signature = await verifySignature(located.token, rule);
  if (signature !== undefined) return reject(401, signature.message, policy, signature.note);
  const sub = typeof payload.sub === 'string' ? payload.sub : '';
  return {
    kind: 'verified',
    principal: `${iss}/${sub}`,
    claims: payload,
    policy,
    forwardToken: rule.forwardOriginalToken === true,
    tokenHeader: located.header,
    outputHeaders: outputHeadersOf(rule, parts[1]!, payload),
  };
}

// The request headers jwt_authn adds for a verified token: outputPayloadToHeader carries the token's payload as it
// was sent (base64url), outputClaimToHeaders one claim each, a "."-separated path reaching nested claims; only
// string, number and boolean claims are written (envoy jwt_authn authenticator.cc, claim_to_headers).
function outputHeadersOf(rule: any, payloadSegment: string, payload: Record<string, unknown>): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (typeof rule.outputPayloadToHeader === 'string' && rule.outputPayloadToHeader !== '')
    out.push([rule.outputPayloadToHeader.toLowerCase(), payloadSegment]);
  for (const { header, claim } of (rule.outputClaimToHeaders ?? []) as Array<{ header?: string; claim?: string }>) {
    if (!header || !claim) continue;
    let value: unknown = payload;
    for (const name of claim.split('.')) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out.push([header.toLowerCase(), String(value)]);
  }
  return out;
}

async function verifySignature(
  token: string,
  rule: any,
): Promise<{ message: string; note: string } | undefined> {
  if (typeof rule.jwks !== 'string') {
    // Istio: pilot/pkg/model/jwks_resolver.go — when istiod cannot fetch the JWKS it inlines PublicOnlyJwks, a key
    // nobody holds the private half of, so every token fails signature verification (fail closed).
    return {
      message: 'Jwt verification fails',
      note: `jwksUri ${rule.jwksUri ?? '(none)'} cannot be fetched here (the engine runs offline); istiod then inlines a public-only key, so no token verifies.`,
    };
  }
  let jwks: ReturnType<typeof createLocalJWKSet>;
  try {
    jwks = createLocalJWKSet(JSON.parse(rule.jwks));
  } catch {
    return { message: 'Jwks is an invalid JSON', note: 'The inline jwks does not parse.' };
  }
  try {
    decodeProtectedHeader(token);
    await compactVerify(token, jwks);
    return undefined;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_JWKS_NO_MATCHING_KEY')
      return {
        message: "Jwks doesn't have key to match kid or alg from Jwt",
        note: "No key in the jwks has the token's kid/alg.",
      };
    return { message: 'Jwt verification fails', note: 'The signature does not verify with the jwks.' };
  }
}
