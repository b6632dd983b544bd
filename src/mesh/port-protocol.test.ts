import { describe, expect, it } from 'vitest';
import { protocolOfServicePort } from './port-protocol.ts';

// Rows from pkg/config/kube/conversion.go (ConvertProtocol, conversion_test.go) and pkg/config/protocol/instance.go.
const rows: Array<{ name: string; port: Record<string, unknown>; protocol: string; opaque: boolean }> = [
  { name: '[conversion.go] appProtocol beats the port name', port: { port: 8000, name: 'http-web', appProtocol: 'mysql' }, protocol: 'MySQL', opaque: true },
  { name: '[conversion.go] an unknown appProtocol still replaces the name: sniffed, not TCP', port: { port: 8000, name: 'tcp', appProtocol: 'foo' }, protocol: 'UnsupportedProtocol', opaque: false },
  { name: '[conversion.go] appProtocol kubernetes.io/h2c is HTTP2', port: { port: 3306, name: 'random', appProtocol: 'kubernetes.io/h2c' }, protocol: 'HTTP2', opaque: false },
  { name: '[conversion.go] the prefix before "-" names the protocol: tcp-db is TCP', port: { port: 9000, name: 'tcp-db' }, protocol: 'TCP', opaque: true },
  { name: '[instance.go Parse] mysql is MySQL, an opaque TCP protocol', port: { port: 3306, name: 'mysql' }, protocol: 'MySQL', opaque: true },
  { name: '[instance.go Parse] names are matched ignoring case: TCP', port: { port: 9000, name: 'TCP' }, protocol: 'TCP', opaque: true },
  { name: '[instance.go IsTCP] https is proxied as TCP', port: { port: 443, name: 'https' }, protocol: 'HTTPS', opaque: true },
  { name: '[instance.go IsHTTP] http-web is HTTP', port: { port: 8000, name: 'http-web' }, protocol: 'HTTP', opaque: false },
  { name: '[conversion.go] grpc-web keeps its hyphen', port: { port: 8000, name: 'grpc-web-x' }, protocol: 'GRPC-Web', opaque: false },
  { name: '[conversion_test.go] grpcweb-x is not grpc-web', port: { port: 8000, name: 'grpcweb-x' }, protocol: 'UnsupportedProtocol', opaque: false },
  { name: '[conversion.go] an unnamed port is sniffed (HTTP for curl)', port: { port: 8000 }, protocol: 'UnsupportedProtocol', opaque: false },
  { name: '[conversion.go wellKnownPorts] an unnamed port 3306 is TCP', port: { port: 3306 }, protocol: 'TCP', opaque: true },
  { name: '[conversion.go wellKnownPorts] a named port on 3306 keeps its protocol', port: { port: 3306, name: 'http' }, protocol: 'HTTP', opaque: false },
];

describe('protocol of a Service port', () => {
  it.each(rows)('$name', ({ port, protocol, opaque }) => {
    const p = protocolOfServicePort(port);
    expect({ protocol: p.protocol, opaque: p.opaque }).toEqual({ protocol, opaque });
  });
});
