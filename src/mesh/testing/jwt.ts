// A test JWT issuer: an RSA key, its inline JWKS (as RequestAuthentication.jwks takes it) and a signer.
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export interface TestIssuer {
  issuer: string;
  jwks: string;
  sign(
    claims: Record<string, unknown>,
    o?: { exp?: number; nbf?: number; sub?: string | null; iss?: string }, // sub: null leaves the claim out
  ): Promise<string>;
}

// Create an issuer whose tokens verify against its jwks.
export async function createIssuer(issuer = 'testing@secure.istio.io'): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test', alg: 'RS256', use: 'sig' };
  return {
    issuer,
    jwks: JSON.stringify({ keys: [jwk] }),
    async sign(claims, o = {}) {
      let jwt = new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'test' })
        .setIssuer(o.iss ?? issuer);
      if (o.sub !== null) jwt = jwt.setSubject(o.sub ?? issuer);
      if (o.exp !== undefined) jwt = jwt.setExpirationTime(o.exp);
      if (o.nbf !== undefined) jwt = jwt.setNotBefore(o.nbf);
      return jwt.sign(privateKey);
    },
  };
}
