/** Per-run X.509 material: a CA, a wrong CA, server certificates (valid and expired) and client certificates. */
import { generateKeyPair, randomBytes, sign, type KeyObject } from 'node:crypto';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import forge from 'node-forge';
import type { HarnessCerts } from './harness-info.js';
import { trace } from './trace.js';

const DAY = 24 * 60 * 60 * 1000;

interface Issuer {
  cert: forge.pki.Certificate;
  key: KeyObject;
}

interface KeyPair {
  pem: string;
  privateKey: KeyObject;
  forgePublic: forge.pki.PublicKey;
}

// Not in @types/node-forge, but public API (Certificate.sign uses it).
const { getTBSCertificate } = forge.pki as unknown as { getTBSCertificate(cert: forge.pki.Certificate): forge.asn1.Asn1 };

interface CertSpec {
  cn: string;
  kind: 'ca' | 'server' | 'client';
  key: KeyPair;
  /** Undefined means self-signed. */
  issuer?: Issuer;
  notBefore: Date;
  notAfter: Date;
}

async function newKey(): Promise<KeyPair> {
  // Node's keygen is native and much faster than forge's pure-JS one.
  const { privateKey, publicKey } = (await promisify(generateKeyPair)('rsa', { modulusLength: 2048 })) as {
    privateKey: KeyObject;
    publicKey: KeyObject;
  };
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { pem, privateKey, forgePublic: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()) };
}

/** Does what forge's cert.sign(key, sha256) does, but signs with Node's native RSA (forge's JS RSA is slow). */
function signWith(cert: forge.pki.Certificate, key: KeyObject): void {
  cert.signatureOid = cert.siginfo.algorithmOid = forge.pki.oids.sha256WithRSAEncryption!;
  cert.tbsCertificate = getTBSCertificate(cert);
  const tbs = Buffer.from(forge.asn1.toDer(cert.tbsCertificate).getBytes(), 'binary');
  cert.signature = sign('sha256', tbs, key).toString('binary');
}

function extensionsFor(kind: CertSpec['kind']): object[] {
  switch (kind) {
    case 'ca':
      return [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      ];
    case 'server':
      return [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        // Only these two names: 127.0.0.2 reaches the same servers and must NOT match.
        { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
      ];
    case 'client':
      return [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', clientAuth: true },
      ];
  }
}

function issue(spec: CertSpec): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  const subject = [{ shortName: 'CN', value: spec.cn }, { shortName: 'O', value: 'Sluice test harness' }];
  cert.publicKey = spec.key.forgePublic;
  // A positive serial: clear the top bit so DER does not read it as negative.
  cert.serialNumber = (randomBytes(16)[0]! & 0x7f).toString(16).padStart(2, '0') + randomBytes(15).toString('hex');
  cert.validity.notBefore = spec.notBefore;
  cert.validity.notAfter = spec.notAfter;
  cert.setSubject(subject);
  cert.setIssuer(spec.issuer ? spec.issuer.cert.subject.attributes : subject);
  cert.setExtensions([
    ...extensionsFor(spec.kind),
    { name: 'subjectKeyIdentifier' },
    ...(spec.issuer ? [{ name: 'authorityKeyIdentifier', keyIdentifier: spec.issuer.cert.generateSubjectKeyIdentifier().getBytes() }] : []),
  ]);
  signWith(cert, spec.issuer?.key ?? spec.key.privateKey);
  return cert;
}

/** Writes a certificate (0644) and optionally its key (0600, owner only) into `dir`. */
async function save(dir: string, name: string, cert: forge.pki.Certificate, key?: KeyPair): Promise<void> {
  await writeFile(join(dir, `${name}.pem`), forge.pki.certificateToPem(cert), { mode: 0o644 });
  if (key) {
    const keyFile = join(dir, `${name}-key.pem`);
    await writeFile(keyFile, key.pem, { mode: 0o600 });
    await chmod(keyFile, 0o600);
  }
}

/** Generates all certificates and keys into `dir` (created) and returns their absolute paths. */
export async function generateCerts(dir: string): Promise<HarnessCerts> {
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const now = Date.now();
  const valid = { notBefore: new Date(now - DAY), notAfter: new Date(now + 365 * DAY) };
  const expired = { notBefore: new Date(now - 30 * DAY), notAfter: new Date(now - DAY) };
  const [caKey, wrongCaKey, serverKey, expiredKey, clientKey, wrongClientKey] = await Promise.all(
    Array.from({ length: 6 }, () => newKey()),
  ) as [KeyPair, KeyPair, KeyPair, KeyPair, KeyPair, KeyPair];
  trace('certs: keys generated');

  const ca: Issuer = { cert: issue({ cn: 'Sluice Test CA', kind: 'ca', key: caKey, ...valid }), key: caKey.privateKey };
  const wrongCa: Issuer = {
    cert: issue({ cn: 'Sluice Wrong CA', kind: 'ca', key: wrongCaKey, ...valid }),
    key: wrongCaKey.privateKey,
  };
  await save(dir, 'ca', ca.cert, caKey);
  await save(dir, 'wrong-ca', wrongCa.cert);
  await save(dir, 'server', issue({ cn: 'localhost', kind: 'server', key: serverKey, issuer: ca, ...valid }), serverKey);
  await save(dir, 'server-expired', issue({ cn: 'localhost', kind: 'server', key: expiredKey, issuer: ca, ...expired }), expiredKey);
  await save(dir, 'client', issue({ cn: 'sluice_cert', kind: 'client', key: clientKey, issuer: ca, ...valid }), clientKey);
  await save(
    dir,
    'client-wrong-ca',
    issue({ cn: 'sluice_cert', kind: 'client', key: wrongClientKey, issuer: wrongCa, ...valid }),
    wrongClientKey,
  );

  trace('certs: written');
  const at = (file: string): string => join(dir, file);
  return {
    ca: at('ca.pem'),
    caKey: at('ca-key.pem'),
    wrongCa: at('wrong-ca.pem'),
    serverCert: at('server.pem'),
    serverKey: at('server-key.pem'),
    expiredCert: at('server-expired.pem'),
    expiredKey: at('server-expired-key.pem'),
    clientCert: at('client.pem'),
    clientKey: at('client-key.pem'),
    wrongClientCert: at('client-wrong-ca.pem'),
    wrongClientKey: at('client-wrong-ca-key.pem'),
  };
}
