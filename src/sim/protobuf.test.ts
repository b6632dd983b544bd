import { describe, expect, it } from 'vitest';
import { decodeProtobufObject } from './protobuf.ts';

// A minimal protobuf writer for the test: (field number, string | number | nested bytes).
function varint(n: number): Buffer {
  const out: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return Buffer.from(out);
}
const field = (n: number, value: string | number | Buffer): Buffer =>
  typeof value === 'number'
    ? Buffer.concat([varint(n * 8), varint(value)])
    : Buffer.concat([varint(n * 8 + 2), varint(Buffer.byteLength(value)), Buffer.from(value)]);
const msg = (...parts: Buffer[]): Buffer => Buffer.concat(parts);
const entry = (k: string, v: string): Buffer => msg(field(1, k), field(2, v));

function envelope(apiVersion: string, kind: string, raw: Buffer): Buffer {
  return Buffer.concat([Buffer.from('k8s\0', 'latin1'), field(1, msg(field(1, apiVersion), field(2, kind))), field(2, raw)]);
}

describe('decodeProtobufObject', () => {
  it('decodes a Deployment as kubectl create deployment sends it, leaving out zero values', () => {
    const container = msg(field(1, 'nginx'), field(2, 'nginx'), field(6, msg(field(3, 80), field(2, 0))), field(13, ''));
    const template = msg(field(1, msg(field(11, entry('app', 'web')))), field(2, msg(field(2, container), field(3, ''))));
    const spec = msg(field(1, 2), field(2, msg(field(1, entry('app', 'web')))), field(3, template), field(4, msg(field(1, ''))));
    const body = envelope('apps/v1', 'Deployment', msg(field(1, msg(field(1, 'web'), field(11, entry('app', 'web')))), field(2, spec)));
    expect(decodeProtobufObject(body)).toEqual({
      apiVersion: 'apps/v1', kind: 'Deployment',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }] } } },
    });
  });

  it('decodes a Service port whose targetPort is a number', () => {
    const port = msg(field(1, '80-8080'), field(2, 'TCP'), field(3, 80), field(4, msg(field(1, 0), field(2, 8080))));
    const body = envelope('v1', 'Service', msg(field(1, msg(field(1, 'web'))), field(2, msg(field(1, port), field(4, 'ClusterIP')))));
    expect(decodeProtobufObject(body)).toMatchObject({ spec: { ports: [{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 }], type: 'ClusterIP' } });
  });

  it('refuses a body without the k8s envelope', () => {
    expect(() => decodeProtobufObject(Buffer.from('{}'))).toThrow(/missing the k8s envelope/);
  });
});
