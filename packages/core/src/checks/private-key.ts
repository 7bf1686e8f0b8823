import type { ContentCheck, SecretMatch } from './check.js';
import { MAX_MATCHES_PER_FILE } from './regex-rule.js';

const BLOCK =
  /-----BEGIN (?:RSA |DSA |EC |OPENSSH |ENCRYPTED |PGP |SSH2 ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----(?<body>[\s\S]{0,20000}?)-----END /g;

/** The base64 of a PEM/OpenSSH body, without headers (`Proc-Type: …`), line breaks or JSON `\n`s. */
function keyBody(body: string): string {
  return body
    .replace(/\\n/g, '\n')
    .split('\n')
    .filter((l) => !l.includes(':'))
    .join('')
    .replace(/[^A-Za-z0-9+/=]/g, '');
}

/**
 * Private keys in PEM or OpenSSH armour (`-----BEGIN … PRIVATE KEY-----`), encrypted or not:
 * `id_rsa`, TLS keys in `*.pem`/`*.key`, keys embedded in JSON or YAML. Blocks whose body is
 * shorter than a real key (documentation's `MIIE…` stubs) are not reported. The redacted form
 * is taken from the body. CIS Docker Benchmark 4.10.
 */
export const privateKey: ContentCheck = {
  id: 'TG-SECRET-private-key',
  version: 1,
  kind: 'content',
  finding: 'secret',
  title: 'Private key',
  severity: 'high',
  cis: '4.10',
  remediation:
    'Remove the key from the image, replace the key pair, and mount keys at run time (secrets, volumes).',
  keywords: ['PRIVATE KEY'],
  find(text): SecretMatch[] {
    const out: SecretMatch[] = [];
    for (const m of text.matchAll(BLOCK)) {
      const body = keyBody(m.groups!.body!);
      if (body.length >= 64) out.push({ index: m.index ?? 0, secret: body });
      if (out.length >= MAX_MATCHES_PER_FILE) break;
    }
    return out;
  },
};
