// Decoding the protobuf bodies kubectl's typed clients send (`kubectl create namespace|deployment|
// service|configmap|secret|serviceaccount`, `kubectl auth`): the "k8s\0" envelope (runtime.Unknown) around the
// object's message. Field numbers come from k8s.io/api core/v1 and apps/v1 generated.proto and
// apimachinery meta/v1; only the messages those commands produce are described, other fields are skipped.
import { badRequest } from './errors.ts';

// A scalar ('string', 'int', 'bool', 'bytes', 'intOrString'), a map ('map', 'mapBytes', 'mapQuantity') or a message name.
type FieldType = string;
type Message = Record<number, [name: string, type: FieldType, repeated?: true]>;

const SCHEMA: Record<string, Message> = {
  ObjectMeta: { 1: ['name', 'string'], 2: ['generateName', 'string'], 3: ['namespace', 'string'], 5: ['uid', 'string'], 6: ['resourceVersion', 'string'], 11: ['labels', 'map'], 12: ['annotations', 'map'], 14: ['finalizers', 'string', true] },
  LabelSelector: { 1: ['matchLabels', 'map'], 2: ['matchExpressions', 'LabelSelectorRequirement', true] },
  LabelSelectorRequirement: { 1: ['key', 'string'], 2: ['operator', 'string'], 3: ['values', 'string', true] },
  Namespace: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'NamespaceSpec'] },
  NamespaceSpec: { 1: ['finalizers', 'string', true] },
  ServiceAccount: { 1: ['metadata', 'ObjectMeta'], 4: ['automountServiceAccountToken', 'bool'] },
  ConfigMap: { 1: ['metadata', 'ObjectMeta'], 2: ['data', 'map'], 3: ['binaryData', 'mapBytes'], 4: ['immutable', 'bool'] },
  Secret: { 1: ['metadata', 'ObjectMeta'], 2: ['data', 'mapBytes'], 3: ['type', 'string'], 4: ['stringData', 'map'], 5: ['immutable', 'bool'] },
  Service: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'ServiceSpec'] },
  ServiceSpec: { 1: ['ports', 'ServicePort', true], 2: ['selector', 'map'], 3: ['clusterIP', 'string'], 4: ['type', 'string'], 5: ['externalIPs', 'string', true], 7: ['sessionAffinity', 'string'], 10: ['externalName', 'string'], 18: ['clusterIPs', 'string', true] },
  ServicePort: { 1: ['name', 'string'], 2: ['protocol', 'string'], 3: ['port', 'int'], 4: ['targetPort', 'intOrString'], 5: ['nodePort', 'int'], 6: ['appProtocol', 'string'] },
  Pod: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'PodSpec'] },
  PodTemplateSpec: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'PodSpec'] },
  PodSpec: { 2: ['containers', 'Container', true], 3: ['restartPolicy', 'string'], 4: ['terminationGracePeriodSeconds', 'int'], 6: ['dnsPolicy', 'string'], 8: ['serviceAccountName', 'string'], 20: ['initContainers', 'Container', true] },
  Container: { 1: ['name', 'string'], 2: ['image', 'string'], 3: ['command', 'string', true], 4: ['args', 'string', true], 5: ['workingDir', 'string'], 6: ['ports', 'ContainerPort', true], 7: ['env', 'EnvVar', true], 8: ['resources', 'ResourceRequirements'], 13: ['terminationMessagePath', 'string'], 14: ['imagePullPolicy', 'string'], 20: ['terminationMessagePolicy', 'string'], 24: ['restartPolicy', 'string'] },
  ContainerPort: { 1: ['name', 'string'], 2: ['hostPort', 'int'], 3: ['containerPort', 'int'], 4: ['protocol', 'string'] },
  EnvVar: { 1: ['name', 'string'], 2: ['value', 'string'] },
  ResourceRequirements: { 1: ['limits', 'mapQuantity'], 2: ['requests', 'mapQuantity'] },
  Deployment: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'DeploymentSpec'] },
  DeploymentSpec: { 1: ['replicas', 'int'], 2: ['selector', 'LabelSelector'], 3: ['template', 'PodTemplateSpec'], 4: ['strategy', 'DeploymentStrategy'], 5: ['minReadySeconds', 'int'], 6: ['revisionHistoryLimit', 'int'], 9: ['progressDeadlineSeconds', 'int'] },
  DeploymentStrategy: { 1: ['type', 'string'] },
  // authentication/v1 and authorization/v1 (kubectl auth whoami, kubectl auth can-i).
  SelfSubjectReview: { 1: ['metadata', 'ObjectMeta'] },
  SelfSubjectAccessReview: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'SelfSubjectAccessReviewSpec'] },
  SelfSubjectAccessReviewSpec: { 1: ['resourceAttributes', 'ResourceAttributes'], 2: ['nonResourceAttributes', 'NonResourceAttributes'] },
  ResourceAttributes: { 1: ['namespace', 'string'], 2: ['verb', 'string'], 3: ['group', 'string'], 4: ['version', 'string'], 5: ['resource', 'string'], 6: ['subresource', 'string'], 7: ['name', 'string'] },
  NonResourceAttributes: { 1: ['path', 'string'], 2: ['verb', 'string'] },
  SelfSubjectRulesReview: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'SelfSubjectRulesReviewSpec'] },
  SelfSubjectRulesReviewSpec: { 1: ['namespace', 'string'] },
};

interface WireField {
  number: number;
  wire: number;
  value: number | Buffer;
}

function readFields(buf: Buffer): WireField[] {
  const fields: WireField[] = [];
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (pos >= buf.length) throw badRequest('unable to decode protobuf body: truncated varint');
      const byte = buf[pos++] ?? 0;
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7;
    }
  };
  while (pos < buf.length) {
    const key = varint();
    const wire = key % 8;
    const number = Math.floor(key / 8);
    if (wire === 0) fields.push({ number, wire, value: varint() });
    else if (wire === 2) {
      const len = varint();
      fields.push({ number, wire, value: buf.subarray(pos, pos + len) });
      pos += len;
    } else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else throw badRequest(`unable to decode protobuf body: wire type ${wire}`);
  }
  return fields;
}

function mapEntry(buf: Buffer): [string, Buffer | number] {
  const fields = readFields(buf);
  const key = fields.find((f) => f.number === 1)?.value;
  const value = fields.find((f) => f.number === 2)?.value ?? Buffer.alloc(0);
  return [Buffer.isBuffer(key) ? key.toString('utf8') : '', value];
}

function decodeValue(type: FieldType, value: number | Buffer): unknown {
  const bytes = Buffer.isBuffer(value) ? value : Buffer.alloc(0);
  switch (type) {
    case 'string': return bytes.toString('utf8');
    case 'int': return typeof value === 'number' ? value : 0;
    case 'bool': return value === 1;
    case 'bytes': return bytes.toString('base64');
    case 'intOrString': {
      const f = readFields(bytes);
      const kind = f.find((x) => x.number === 1)?.value ?? 0;
      const str = f.find((x) => x.number === 3)?.value;
      return kind === 1 ? (Buffer.isBuffer(str) ? str.toString('utf8') : '') : (f.find((x) => x.number === 2)?.value ?? 0);
    }
    default: return decodeMessage(type, bytes);
  }
}

function decodeMessage(name: string, buf: Buffer): Record<string, unknown> {
  const schema = SCHEMA[name] ?? {};
  const out: Record<string, any> = {};
  for (const field of readFields(buf)) {
    const spec = schema[field.number];
    if (!spec) continue;
    const [key, type, repeated] = spec;
    if (type === 'map' || type === 'mapBytes' || type === 'mapQuantity') {
      const [k, v] = mapEntry(field.value as Buffer);
      const raw = Buffer.isBuffer(v) ? v : Buffer.alloc(0);
      const text = type === 'mapBytes' ? raw.toString('base64') : type === 'mapQuantity' ? decodeValue('string', readFields(raw).find((x) => x.number === 1)?.value ?? Buffer.alloc(0)) : raw.toString('utf8');
      out[key] = { ...(out[key] ?? {}), [k]: text };
    } else if (repeated) out[key] = [...(out[key] ?? []), decodeValue(type, field.value)];
    else {
      const value = decodeValue(type, field.value);
      if (!isZero(value) || POINTER_FIELDS.has(key)) out[key] = value;
    }
  }
  return out;
}

// Go writes zero values of plain fields to protobuf; JSON would have omitted them (omitempty).
const POINTER_FIELDS = new Set(['replicas', 'revisionHistoryLimit', 'progressDeadlineSeconds', 'terminationGracePeriodSeconds', 'automountServiceAccountToken', 'immutable']);

function isZero(value: unknown): boolean {
  if (value === '' || value === 0 || value === false) return true;
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}

// Decode a "k8s\0"-prefixed protobuf body into the JSON object it encodes.
export function decodeProtobufObject(body: Buffer): Record<string, unknown> {
  if (body.length < 4 || body.subarray(0, 4).toString('latin1') !== 'k8s\0') throw badRequest('unable to decode protobuf body: missing the k8s envelope');
  const envelope = readFields(body.subarray(4));
  const typeMeta = readFields((envelope.find((f) => f.number === 1)?.value as Buffer | undefined) ?? Buffer.alloc(0));
  const text = (n: number): string => {
    const v = typeMeta.find((f) => f.number === n)?.value;
    return Buffer.isBuffer(v) ? v.toString('utf8') : '';
  };
  const apiVersion = text(1);
  const kind = text(2);
  if (!SCHEMA[kind]) throw new Error(`the embedded cluster cannot decode protobuf ${kind}; send JSON`);
  const raw = (envelope.find((f) => f.number === 2)?.value as Buffer | undefined) ?? Buffer.alloc(0);
  return { apiVersion, kind, ...decodeMessage(kind, raw) };
}
