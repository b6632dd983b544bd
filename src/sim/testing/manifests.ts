// Manifests the kubectl tests apply.

export const APPS = `apiVersion: v1
kind: Namespace
metadata:
  name: hello
  labels:
    istio.io/dataplane-mode: ambient
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: helloworld-v1
  namespace: hello
spec:
  replicas: 2
  selector:
    matchLabels: {app: helloworld, version: v1}
  template:
    metadata:
      labels: {app: helloworld, version: v1}
    spec:
      containers:
      - name: helloworld
        image: docker.io/istio/examples-helloworld-v1:1.0
        ports:
        - containerPort: 5000
---
apiVersion: v1
kind: Service
metadata:
  name: helloworld
  namespace: hello
  labels: {app: helloworld}
spec:
  ports:
  - port: 5000
    name: http
  selector:
    app: helloworld
`;

export const DENY_ALL = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: deny-all
  namespace: hello
spec:
  action: DENY
  rules: [{}]
`;
