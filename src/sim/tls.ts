// A fresh self-signed CA + serving certificate for 127.0.0.1 and localhost, per cluster: made with
// the openssl CLI when it is there (about 10 ms), else with selfsigned (about 150 ms to load).
import { execFile } from 'node:child_process';

export interface ServingCert {
  cert: string; // PEM; also the CA in the kubeconfig
  key: string;
}

const SUBJECT = '/CN=labs-embedded/O=labs';

export function certWithOpenssl(): Promise<ServingCert> {
  const args = [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-sha256', '-nodes', '-days', '365',
    // `-` and no -out: both PEMs on stdout. Not /dev/stdout: Node gives a child a socket, which that
    // path cannot open (ENXIO).
    '-subj', SUBJECT, '-keyout', '-',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,digitalSignature,keyCertSign', '-addext', 'extendedKeyUsage=serverAuth',
  ];
  return new Promise((resolve, reject) => {
    execFile('openssl', args, { timeout: 5000 }, (err, stdout) => {
      const key = /-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----\n?/.exec(stdout)?.[0];
      const cert = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/.exec(stdout)?.[0];
      if (err || !key || !cert) reject(err ?? new Error('openssl did not print a key and a certificate'));
      else resolve({ cert, key });
    });
  });
}

export async function certWithSelfsigned(): Promise<ServingCert> {
  // selfsigned is CommonJS: its exports object is the default export, bundled or not.
  const { generate } = (await import('selfsigned')).default;
  const pems = await generate([{ name: 'commonName', value: 'labs-embedded' }, { name: 'organizationName', value: 'labs' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 365 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

// Make the serving certificate (EC P-256: fast, and accepted by Go's and Node's TLS).
export async function createServingCert(): Promise<ServingCert> {
  return certWithOpenssl().catch(() => certWithSelfsigned());
}
