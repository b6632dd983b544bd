import { X509Certificate, createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { certWithOpenssl, certWithSelfsigned } from './tls.ts';

describe.each([
  ['openssl', certWithOpenssl],
  ['selfsigned', certWithSelfsigned],
])('a serving certificate made with %s', (_name, make) => {
  it('makes a CA certificate for 127.0.0.1 and localhost that matches its key', async () => {
    const { cert, key } = await make();
    const x509 = new X509Certificate(cert);
    expect(x509.ca).toBe(true);
    expect(x509.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(x509.subjectAltName).toContain('DNS:localhost');
    expect(x509.checkPrivateKey(createPrivateKey(key))).toBe(true);
  });
});
