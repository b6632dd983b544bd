// A small valid lab written to a folder, for tests of the loader and the CLI (never shipped under labs/).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const LAB_YAML = (name: string) => `# yaml-language-server: $schema=../../schemas/lab.schema.json
name: ${name}
title: Strict mTLS in ambient mode
summary: >
  Enforce STRICT mTLS for the mesh and watch a plaintext client get reset.
lesson:
  title: "Module 8: Authentication and Authorization"
  source: 002_example.txt
mesh:
  profile: ambient
  istio: ">=1.24"
setup:
  - apply: manifests/apps.yaml
  - wait: { resource: deployment/helloworld-v1, namespace: hello, for: available }
steps:
  - id: strict-mtls
    title: Enforce STRICT mTLS for the whole mesh
    explain: |
      PeerAuthentication in the root namespace applies to every workload.
    actions:
      - apply: manifests/01-strict.yaml
    checks:
      - from: test/curl
        url: http://helloworld.hello.svc.cluster.local:5000/hello
        expect: { error: reset }
        documented:
          status: 503
          quote: "curl: (22) The requested URL returned error: 503"
          note: Without a waypoint ztunnel enforces the policy and resets the connection.
      - resource: peerauthentication/default
        namespace: istio-system
        expect: { exists: true }
  - id: jwt
    title: Call with a token
    challenge: true
    actions:
      - kubectl: label namespace hello istio.io/use-waypoint=waypoint
        expect: { exitCode: 0 }
      - waypoint: { namespace: hello, enroll: true }
    checks:
      - name: alice may GET hello
        from: hello/deploy/sleep
        url: http://helloworld.hello.svc.cluster.local:5000/hello
        method: GET
        bearer: tokens/alice.jwt
        expect: { status: 200, bodyMatches: "^Hello" }
        timeout: 30s
`;

const FILES: Record<string, string> = {
  'manifests/apps.yaml': `apiVersion: v1
kind: Namespace
metadata:
  name: hello
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: helloworld-v1
  namespace: hello
spec:
  replicas: 1
---
`,
  'manifests/01-strict.yaml': `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: istio-system
spec:
  mtls:
    mode: STRICT
`,
  'tokens/alice.jwt': 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.\n',
};

// The lab.yaml text of the example lab with this name.
export function renderExampleLab(name: string): string {
  return LAB_YAML(name);
}

// Write the example lab to root/name (lab.yaml, two manifests, a token); resolves to its folder.
export async function writeExampleLab(root: string, name = 'example-lab', labYaml = LAB_YAML(name)): Promise<string> {
  const dir = join(root, name);
  const files = { ...FILES, 'lab.yaml': labYaml };
  for (const [file, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), text);
  }
  return dir;
}
