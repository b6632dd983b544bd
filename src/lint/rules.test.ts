// One test per lint rule, on small inline manifests.
import { describe, expect, it } from 'vitest';
import { parseManifestText } from './documents.ts';
import { formatFinding } from './format.ts';
import { lintDocuments } from './lint.ts';
import type { LintContext } from './types.ts';

function lint(yaml: string, extra: Partial<LintContext> = {}): string[] {
  const { documents } = parseManifestText(yaml, 'x.yaml');
  const ctx: LintContext = {
    documents,
    profile: 'ambient',
    waypointNamespaces: new Set(),
    waypointGateways: new Set(),
    useWaypointLabels: new Set(),
    ...extra,
  };
  return lintDocuments(ctx).map(formatFinding);
}

const policy = (spec: string, apiVersion = 'security.istio.io/v1') => `apiVersion: ${apiVersion}
kind: AuthorizationPolicy
metadata:
  name: p
  namespace: demo
spec:
${spec}`;

describe('lint rules', () => {
  it('reports an ALLOW rule with methods in a selector policy as dropped by ztunnel, at the methods key', () => {
    const out = lint(
      policy(`  selector: { matchLabels: { app: web } }
  rules:
    - from: [{ source: { principals: ["cluster.local/ns/a/sa/b"] } }]
      to: [{ operation: { methods: ["GET"] } }]`),
    );
    expect(out).toEqual([
      expect.stringMatching(
        /^x\.yaml:10:27: warning ztunnel-drops-l7-allow: ztunnel cannot see methods and drops ALLOW rule 0 whole/,
      ),
    ]);
  });

  it('reports a DENY rule whose only operation is HTTP as doing nothing at ztunnel', () => {
    const out = lint(
      policy(`  action: DENY
  rules:
    - to: [{ operation: { paths: ["/admin"] } }]`),
    );
    expect(out).toEqual([
      expect.stringContaining(
        'x.yaml:6:1: warning istio-warns: Istio accepts this AuthorizationPolicy with a warning: configured AuthorizationPolicy will deny all traffic to TCP ports',
      ),
      expect.stringContaining(
        'x.yaml:9:27: warning ztunnel-ignores-l7-deny: ztunnel cannot see paths; without them DENY rule 0 can never match',
      ),
    ]);
  });

  it('reports a DENY rule with ports and methods as denying more than written', () => {
    const out = lint(
      policy(`  action: DENY
  rules:
    - to: [{ operation: { ports: ["5000"], methods: ["POST"] } }]`),
    );
    expect(out.join('\n')).toContain('enforces DENY rule 0 without them: it denies more than written');
  });

  it('leaves HTTP fields alone in a targetRefs policy whose Service a waypoint serves', () => {
    const out = lint(
      policy(`  targetRefs: [{ kind: Service, group: "", name: web }]
  rules:
    - to: [{ operation: { methods: ["GET"] } }]`),
      { waypointNamespaces: new Set(['demo']) },
    );
    expect(out).toEqual([]);
  });

  it('leaves HTTP fields alone when the profile is sidecar (default)', () => {
    expect(
      lint(policy(`  rules:\n    - to: [{ operation: { methods: ["GET"] } }]`), { profile: 'default' }),
    ).toEqual([]);
  });

  it('reports a targetRefs policy for a Service no waypoint serves', () => {
    const out = lint(`${policy(`  targetRefs: [{ kind: Service, group: "", name: web }]
  rules: [{}]`)}
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: demo }
spec: { ports: [{ port: 80 }] }`);
    expect(out).toEqual([
      expect.stringMatching(
        /^x\.yaml:7:16: warning targetref-without-waypoint: no waypoint serves Service demo\/web/,
      ),
    ]);
  });

  it('accepts a targetRefs policy when the namespace is labelled istio.io/use-waypoint', () => {
    const out = lint(`${policy(`  targetRefs: [{ kind: Service, group: "", name: web }]\n  rules: [{}]`)}
---
apiVersion: v1
kind: Namespace
metadata: { name: demo, labels: { istio.io/use-waypoint: waypoint } }`);
    expect(out).toEqual([]);
  });

  it('reports the istio.io/waypoint label as doing nothing and names the real one', () => {
    const out = lint(`apiVersion: v1
kind: Namespace
metadata:
  name: demo
  labels:
    istio.io/waypoint: enabled`);
    expect(out).toEqual([
      expect.stringMatching(
        /^x\.yaml:6:5: warning noop-waypoint-label: .*\(write instead: istio\.io\/use-waypoint: <the waypoint Gateway name>/,
      ),
    ]);
  });

  it('reports a principal written with spiffe:// and suggests it without the scheme', () => {
    const out = lint(
      policy(`  rules:
    - from:
        - source:
            principals: ["spiffe://cluster.local/ns/a/sa/b"]`),
    );
    expect(out).toEqual([
      expect.stringContaining(
        'warning spiffe-principal: principal "spiffe://cluster.local/ns/a/sa/b" never matches',
      ),
    ]);
    expect(out[0]).toContain('(write instead: "cluster.local/ns/a/sa/b")');
  });

  it('reports hosts without a port, and accepts host:port and prefixes', () => {
    const out = lint(
      policy(`  targetRefs: [{ kind: Gateway, group: gateway.networking.k8s.io, name: waypoint }]
  rules:
    - to: [{ operation: { hosts: ["web.demo", "web.demo:80", "web.demo*"] } }]`),
      { waypointGateways: new Set(['demo/waypoint']) },
    );
    expect(out).toEqual([
      expect.stringMatching(/^x\.yaml:9:35: warning host-without-port: host "web\.demo"/),
    ]);
  });

  it('reports security.istio.io/v1beta1 at apiVersion and suggests v1', () => {
    const out = lint(policy('  rules: [{}]', 'security.istio.io/v1beta1'));
    expect(out).toEqual([
      expect.stringMatching(
        /^x\.yaml:1:1: warning deprecated-version: .*\(write instead: apiVersion: security\.istio\.io\/v1\)$/,
      ),
    ]);
  });

  it('reports a DENY policy without rules as an error, once', () => {
    const out = lint(policy('  action: DENY'));
    expect(out).toEqual([
      expect.stringMatching(/^x\.yaml:7:3: error deny-without-rules: .*\(write instead: rules: \[\{\}\]/),
    ]);
  });

  it('reports port-level mTLS without a selector as an error, once', () => {
    const out = lint(`apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: { name: default, namespace: demo }
spec:
  mtls: { mode: STRICT }
  portLevelMtls:
    "8080": { mode: DISABLE }`);
    expect(out).toEqual([expect.stringMatching(/^x\.yaml:6:3: error port-mtls-without-selector: /)]);
  });

  it("reports what Istio's webhook refuses at the offending when key", () => {
    const out = lint(
      policy(`  rules:
    - when:
        - key: custom.time_of_day
          values: ["09:00-17:00"]`),
    );
    expect(out.find((l) => l.includes('istio-rejects'))).toMatch(
      /^x\.yaml:9:16: error istio-rejects: Istio's webhook refuses this AuthorizationPolicy: .*unknown attribute: custom\.time_of_day/,
    );
  });
  it('places a CEL refusal at the field path the API server names', () => {
    const out = lint(
      policy(`  rules:
    - from:
        - source:
            principals: ["cluster.local/ns/a/sa/b"]
            serviceAccounts: ["a/b"]`),
    );
    expect(out).toEqual([
      expect.stringMatching(
        /^x\.yaml:10:13: error istio-rejects: the API server refuses this AuthorizationPolicy: spec\.rules\[0\]\.from\[0\]\.source: .*Cannot set serviceAccounts with namespaces or principals/,
      ),
    ]);
  });
  it('reports a selector RequestAuthentication in ambient mode as validating nothing, and not with sidecars', () => {
    const ra = `apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: { name: jwt, namespace: demo }
spec:
  selector: { matchLabels: { app: web } }
  jwtRules: [{ issuer: "https://issuer.example.com", jwksUri: "https://issuer.example.com/jwks" }]`;
    expect(lint(ra)).toEqual([
      expect.stringMatching(
        /^x\.yaml:5:3: warning request-authentication-without-waypoint: in ambient mode nothing validates tokens/,
      ),
    ]);
    expect(lint(ra, { profile: 'default' })).toEqual([]);
  });
});
