// The validation.istio.io webhook's checks for AuthorizationPolicy, PeerAuthentication and RequestAuthentication.
// Istio: pkg/config/validation/validation.go (ValidateAuthorizationPolicy, ValidatePeerAuthentication,
// ValidateRequestAuthentication, validateWorkloadSelector, validatePolicyTargetReference).
import type { KubeObject } from '../types.ts';
import {
  checkEmptyValues,
  checkPathTemplates,
  checkServiceAccount,
  validateAttribute,
  validateIps,
  validatePorts,
} from './attributes.ts';

export interface WebhookResult {
  errors: string[];
  warnings: string[];
}

const ALLOWED_TARGETS =
  '[/v1, Kind=Service networking.istio.io/v1, Kind=ServiceEntry gateway.networking.k8s.io/v1, Kind=Gateway gateway.networking.k8s.io/v1, Kind=GatewayClass]';
const ALLOWED: Array<[string, string]> = [
  ['core', 'Service'],
  ['networking.istio.io', 'ServiceEntry'],
  ['gateway.networking.k8s.io', 'Gateway'],
  ['gateway.networking.k8s.io', 'GatewayClass'],
];

function selectorChecks(selector: any, r: WebhookResult): void {
  if (!selector) return;
  const labels = (selector.matchLabels ?? {}) as Record<string, string>;
  for (const [k, v] of Object.entries(labels)) {
    if (k === '') r.errors.push(`empty key is not supported in selector: "${k}=${v}"`);
    if (k.includes('*') || String(v).includes('*'))
      r.errors.push(`wildcard is not supported in selector: "${k}=${v}"`);
  }
  if (Object.keys(labels).length === 0) r.warnings.push('workload selector specified without labels');
}

function targetRefChecks(spec: any, r: WebhookResult): void {
  const set =
    (spec.selector ? 1 : 0) + (spec.targetRef ? 1 : 0) + ((spec.targetRefs ?? []).length > 0 ? 1 : 0);
  if (set > 1) r.errors.push('only one of targetRefs or workloadSelector can be set');
  const refs = [...(spec.targetRef ? [spec.targetRef] : []), ...((spec.targetRefs ?? []) as any[])];
  for (const ref of refs) {
    if (!ref) continue;
    if (!ref.name) r.errors.push('targetRef name must be set');
    if (ref.namespace)
      r.errors.push('targetRef namespace must not be set; cross namespace referencing is not supported');
    const group = ref.group ? ref.group : 'core';
    if (!ALLOWED.some(([g, k]) => g === group && k === ref.kind))
      r.errors.push(
        `targetRef must be to one of ${ALLOWED_TARGETS} but was ${ref.group ?? ''}/${ref.kind ?? ''}`,
      );
  }
}

function push(r: WebhookResult, ...errs: Array<string | undefined>): void {
  for (const e of errs) if (e) r.errors.push(e);
}

const SOURCE_FIELDS = [
  'principals',
  'requestPrincipals',
  'namespaces',
  'ipBlocks',
  'remoteIpBlocks',
  'notPrincipals',
  'notRequestPrincipals',
  'notNamespaces',
  'notIpBlocks',
  'notRemoteIpBlocks',
  'serviceAccounts',
  'notServiceAccounts',
];
const TCP_SOURCE_FIELDS = [
  'principals',
  'notPrincipals',
  'ipBlocks',
  'notIpBlocks',
  'namespaces',
  'notNamespaces',
  'remoteIpBlocks',
  'notRemoteIpBlocks',
  'serviceAccounts',
  'notServiceAccounts',
];
const OPERATION_FIELDS = [
  'ports',
  'methods',
  'paths',
  'hosts',
  'notPorts',
  'notMethods',
  'notPaths',
  'notHosts',
];
const CAPITAL = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function sourceChecks(src: any, i: number, r: WebhookResult): void {
  const n = (k: string): number => (Array.isArray(src[k]) ? src[k].length : 0);
  if (
    n('principals') + n('notPrincipals') + n('namespaces') + n('notNamespaces') > 0 &&
    n('serviceAccounts') + n('notServiceAccounts') > 0
  ) {
    r.errors.push(`cannot set serviceAccounts with namespaces or principals, found at rule ${i}`);
  }
  if (SOURCE_FIELDS.every((k) => n(k) === 0))
    r.errors.push(`\`from.source\` must not be empty, found at rule ${i}`);
  for (const k of ['ipBlocks', 'notIpBlocks', 'remoteIpBlocks', 'notRemoteIpBlocks'])
    r.errors.push(...validateIps(src[k]));
  for (const k of ['principals', 'requestPrincipals', 'namespaces'])
    push(r, checkEmptyValues(CAPITAL(k), src[k]));
  push(r, checkServiceAccount('ServiceAccounts', src.serviceAccounts));
  for (const k of ['ipBlocks', 'remoteIpBlocks', 'notPrincipals', 'notRequestPrincipals', 'notNamespaces'])
    push(r, checkEmptyValues(CAPITAL(k), src[k]));
  push(r, checkServiceAccount('NotServiceAccounts', src.notServiceAccounts));
  for (const k of ['notIpBlocks', 'notRemoteIpBlocks']) push(r, checkEmptyValues(CAPITAL(k), src[k]));
}

function operationChecks(op: any, i: number, r: WebhookResult): void {
  const n = (k: string): number => (Array.isArray(op[k]) ? op[k].length : 0);
  if (OPERATION_FIELDS.every((k) => n(k) === 0))
    r.errors.push(`\`to.operation\` must not be empty, found at rule ${i}`);
  r.errors.push(...validatePorts(op.ports), ...validatePorts(op.notPorts));
  for (const k of ['ports', 'methods', 'paths', 'hosts', 'notPorts', 'notMethods', 'notPaths', 'notHosts'])
    push(r, checkEmptyValues(CAPITAL(k), op[k]));
  push(r, checkPathTemplates('Paths', op.paths), checkPathTemplates('NotPaths', op.notPaths));
}

const MEANINGLESS = (action: string): string =>
  `${action} action without \`rules\` is meaningless as it will never be triggered, add an empty rule \`{}\` if you want it be triggered for every request`;

function customChecks(spec: any, r: WebhookResult): void {
  if (spec.rules === undefined || spec.rules === null) return void r.errors.push(MEANINGLESS('CUSTOM'));
  if (!spec.provider?.name) r.errors.push('`provider.name` must not be empty');
  for (const rule of (spec.rules ?? []) as any[]) {
    for (const from of (rule?.from ?? []) as any[]) {
      const s = from?.source;
      if (!s) continue;
      for (const k of [
        'namespaces',
        'notNamespaces',
        'serviceAccounts',
        'notServiceAccounts',
        'principals',
        'notPrincipals',
        'requestPrincipals',
        'notRequestPrincipals',
      ]) {
        if (Array.isArray(s[k]) && s[k].length > 0)
          r.errors.push(`From.${CAPITAL(k)} is currently not supported with CUSTOM action`);
      }
    }
    for (const when of (rule?.when ?? []) as any[]) {
      const k = String(when?.key ?? '');
      if (
        ['source.namespace', 'source.serviceAccount', 'source.principal'].includes(k) ||
        k.startsWith('request.auth.')
      )
        r.errors.push(`${k} is currently not supported with CUSTOM action`);
    }
  }
}

const DENY_TCP_WARNING =
  'configured AuthorizationPolicy will deny all traffic to TCP ports under its scope due to the use of only HTTP attributes in a DENY rule; it is recommended to explicitly specify the port';

function ruleChecks(rule: any, i: number, action: string, r: WebhookResult): void {
  if (rule === null || rule === undefined)
    return void r.errors.push(`\`rule\` must not be nil, found at rule ${i}`);
  if (Array.isArray(rule.from) && rule.from.length === 0)
    r.errors.push(`\`from\` must not be empty, found at rule ${i}`);
  let tcpFrom = false,
    tcpTo = false,
    fromExists = false,
    toExists = false;
  for (const from of (rule.from ?? []) as any[]) {
    if (!from) {
      r.errors.push(`\`from\` must not be nil, found at rule ${i}`);
      continue;
    }
    if (!from.source) {
      r.errors.push(`\`from.source\` must not be nil, found at rule ${i}`);
      continue;
    }
    fromExists = true;
    sourceChecks(from.source, i, r);
    if (TCP_SOURCE_FIELDS.some((k) => from.source[k] !== undefined && from.source[k] !== null))
      tcpFrom = true;
  }
  if (Array.isArray(rule.to) && rule.to.length === 0)
    r.errors.push(`\`to\` must not be empty, found at rule ${i}`);
  for (const to of (rule.to ?? []) as any[]) {
    if (!to) {
      r.errors.push(`\`to\` must not be nil, found at rule ${i}`);
      continue;
    }
    if (!to.operation) {
      r.errors.push(`\`to.operation\` must not be nil, found at rule ${i}`);
      continue;
    }
    toExists = true;
    operationChecks(to.operation, i, r);
    if (to.operation.ports != null || to.operation.notPorts != null) tcpTo = true;
  }
  for (const cond of (rule.when ?? []) as any[]) {
    const key = String(cond?.key ?? '');
    if (key === '') {
      r.errors.push('`key` must not be empty');
      continue;
    }
    const values = cond.values ?? [];
    const notValues = cond.notValues ?? [];
    if (values.length === 0 && notValues.length === 0) {
      r.errors.push(`at least one of \`values\` or \`notValues\` must be set for key ${key}`);
      continue;
    }
    const v = validateAttribute(key, values);
    if (v) r.errors.push(`invalid \`value\` for \`key\` ${key}: ${v}`);
    const nv = validateAttribute(key, notValues);
    if (nv) r.errors.push(`invalid \`notValue\` for \`key\` ${key}: ${nv}`);
  }
  if (((fromExists && !toExists && !tcpFrom) || (toExists && !tcpTo)) && action === 'DENY')
    r.warnings.push(DENY_TCP_WARNING);
}

// The webhook's verdict on an AuthorizationPolicy: errors prefixed "invalid policy NAME.NS:", and warnings.
export function validateAuthorizationPolicyWebhook(obj: KubeObject): WebhookResult {
  const spec = obj.spec ?? {};
  const r: WebhookResult = { errors: [], warnings: [] };
  targetRefChecks(spec, r);
  selectorChecks(spec.selector, r);
  const action = (spec.action as string | undefined) ?? 'ALLOW';
  if (action === 'CUSTOM') customChecks(spec, r);
  if (spec.provider && action !== 'CUSTOM')
    r.errors.push(`\`provider\` must not be with non CUSTOM action, found ${action}`);
  if (action === 'DENY' && (spec.rules === undefined || spec.rules === null))
    r.errors.push(MEANINGLESS('DENY'));
  ((spec.rules ?? []) as any[]).forEach((rule, i) => ruleChecks(rule, i, action, r));
  const prefix = `invalid policy ${obj.metadata.name}.${obj.metadata.namespace ?? 'default'}:`;
  return { errors: r.errors.map((e) => `${prefix} ${e}`), warnings: [...new Set(r.warnings)] };
}

// The webhook's verdict on a PeerAuthentication.
export function validatePeerAuthenticationWebhook(obj: KubeObject): WebhookResult {
  const spec = obj.spec ?? {};
  const r: WebhookResult = { errors: [], warnings: [] };
  const emptySelector = Object.keys(spec.selector?.matchLabels ?? {}).length === 0;
  const ports = spec.portLevelMtls;
  if (emptySelector && ports && Object.keys(ports).length > 0)
    r.errors.push('mesh/namespace peer authentication cannot have port level mTLS');
  if (ports && Object.keys(ports).length === 0)
    r.errors.push('port level mTLS, if defined, must have at least one element');
  for (const key of Object.keys(ports ?? {}))
    if (!(Number(key) > 0 && Number(key) <= 65535)) r.errors.push('port must be in range 1..65535');
  selectorChecks(spec.selector, r);
  return r;
}

// The webhook's verdict on a RequestAuthentication.
export function validateRequestAuthenticationWebhook(obj: KubeObject): WebhookResult {
  const spec = obj.spec ?? {};
  const r: WebhookResult = { errors: [], warnings: [] };
  targetRefChecks(spec, r);
  selectorChecks(spec.selector, r);
  for (const rule of (spec.jwtRules ?? []) as any[]) {
    if (!rule) continue;
    if (((rule.audiences ?? []) as string[]).some((a) => a === ''))
      r.errors.push('audience must be non-empty string');
    if (!rule.issuer && !rule.jwksUri) r.errors.push('issuer or jwksUri must be non-empty string');
    if (rule.jwksUri && !/^https?:\/\/[^/]+/.test(rule.jwksUri))
      r.errors.push(`URI scheme "${String(rule.jwksUri).split(':')[0]}" is not supported`);
    if (rule.jwks) {
      try {
        const parsed = JSON.parse(rule.jwks);
        if (!parsed || typeof parsed !== 'object') throw new Error('not an object');
      } catch {
        r.errors.push('jwks parse error: failed to unmarshal JWK set');
      }
    }
    for (const loc of (rule.fromHeaders ?? []) as any[]) {
      if (!loc) r.errors.push('location header name must be non-null');
      else if (!loc.name) r.errors.push('location header name must be non-empty string');
    }
    for (const p of (rule.fromParams ?? []) as string[])
      if (!p) r.errors.push('location query must be non-empty string');
    for (const c of (rule.fromCookies ?? []) as string[])
      if (!c) r.errors.push('cookie name must be non-empty string');
  }
  return r;
}
