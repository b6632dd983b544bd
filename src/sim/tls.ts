// A fresh self-signed CA + serving certificate for 127.0.0.1 and localhost, per cluster.
import { generate } from 'selfsigned';

export interface ServingCert {
  cert: string; // PEM; also the CA in the kubeconfig
  key: string;
}

// Make the serving certificate (EC P-256: fast to generate, accepted by Go and Node).
export async function createServingCert(): Promise<ServingCert> {
  const pems = await generate([{ name: 'commonName', value: 'labs-embedded' }, { name: 'organizationName', value: 'labs' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 365 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}
