// Write a lab folder into a temp dir for CLI tests: helloworld in `hello`, a curl client in `test`.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const APPS = `apiVersion: v1
kind: Namespace
metadata:
  name: hello
  labels:
    istio.io/dataplane-mode: ambient
---
apiVersion: v1
kind: Service
metadata:
  name: helloworld
  namespace: hello
  labels: { app: helloworld, service: helloworld }
spec:
  ports: [{ port: 5000, name: http }]
  selector: { app: helloworld }
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: helloworld-v1
  namespace: hello
  labels: { app: helloworld, version: v1 }
spec:
  replicas: 1
  selector: { matchLabels: { app: helloworld, version: v1 } }
  template:
    metadata:
      labels: { app: helloworld, version: v1 }
    spec:
      containers:
        - name: helloworld
          image: docker.io/istio/examples-helloworld-v1:1.0
          ports: [{ containerPort: 5000 }]
---
apiVersion: v1
kind: Namespace
metadata:
  name: test
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: curl
  namespace: test
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: curl
  namespace: test
spec:
  replicas: 1
  selector: { matchLabels: { app: curl } }
  template:
    metadata:
      labels: { app: curl }
    spec:
      serviceAccountName: curl
      containers:
        - name: curl
          image: docker.io/curlimages/curl:8.16.0
          command: ["/bin/sleep", "infinity"]
`;

export const STRICT = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: istio-system
spec:
  mtls:
    mode: STRICT
`;

export const HELLO_URL = 'http://helloworld.hello.svc.cluster.local:5000/hello';

// A step that turns STRICT mTLS on and checks that the plaintext curl client is reset.
export const STRICT_STEP = `  - id: strict
    title: STRICT mTLS
    actions:
      - apply: manifests/strict.yaml
    checks:
      - from: test/deploy/curl
        url: ${HELLO_URL}
        expect: { error: reset }
`;

// A lab with setup (apps) and the given steps YAML; returns the lab folder.
export async function writeInlineLab(options: { name?: string; steps: string; files?: Record<string, string>; top?: string }): Promise<string> {
  const name = options.name ?? 'inline-lab';
  const dir = join(await mkdtemp(join(tmpdir(), 'labs-cli-')), name);
  const files: Record<string, string> = {
    'manifests/apps.yaml': APPS,
    'manifests/strict.yaml': STRICT,
    ...options.files,
    'lab.yaml': `name: ${name}
title: An inline lab
summary: Helloworld and a curl client, for CLI tests.
${options.top ?? ''}setup:
  - apply: manifests/apps.yaml
  - wait: { resource: deployment/helloworld-v1, namespace: hello, for: available }
steps:
${options.steps}`,
  };
  for (const [file, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), text);
  }
  return dir;
}
