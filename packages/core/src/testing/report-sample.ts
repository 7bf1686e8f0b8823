import type { Finding, LayerOrigin, Package, ScanResult, Severity } from '../types/model.js';

/** Untrusted text that tries every escape: HTML, Markdown, mentions, issue refs, pipes, control characters. */
export const HOSTILE = '</details><img src=x onerror=alert(1)> `rm -rf /` @octocat #123 a|b \x1b[31m]]></x>';

const layers: LayerOrigin[] = [
  {
    index: 0,
    digest: 'sha256:' + 'a'.repeat(64),
    diffId: 'sha256:' + '1'.repeat(64),
    createdBy: 'ADD rootfs.tar.gz / # buildkit',
  },
  {
    index: 1,
    digest: 'sha256:' + 'b'.repeat(64),
    diffId: 'sha256:' + '2'.repeat(64),
    createdBy: 'COPY node_modules /app/node_modules # buildkit',
  },
  {
    index: 2,
    digest: 'sha256:' + 'c'.repeat(64),
    diffId: 'sha256:' + '3'.repeat(64),
    createdBy: 'RUN /bin/sh -c rm -rf /tmp/* # buildkit',
  },
];

function pkg(
  id: string,
  name: string,
  version: string,
  layer: number,
  type: Package['type'] = 'npm',
): Package {
  const eco = type === 'deb' ? 'Debian:12' : 'npm';
  return {
    id,
    name,
    version,
    type,
    ecosystem: eco,
    purl: `pkg:${type}/${encodeURIComponent(name)}@${version}`,
    licenses: ['MIT'],
    locations: [`app/node_modules/${id}/package.json`],
    layer: layers[layer]!,
    foundBy: type === 'deb' ? 'dpkg' : 'npm',
  };
}

export function vuln(id: string, severity: Severity, p: Package, extra: Partial<Finding> = {}): Finding {
  return {
    id: `f-${id}`,
    kind: 'vulnerability',
    ruleId: id,
    aliases: [`GHSA-${id}`],
    severity,
    fixState: 'fixed',
    fixedIn: ['9.9.9'],
    package: { id: p.id, name: p.name, version: p.version, ecosystem: p.ecosystem, purl: p.purl },
    layer: p.layer,
    title: `Problem in ${p.name}`,
    advisories: [{ id, url: `https://osv.dev/vulnerability/${id}` }],
    references: [`https://osv.dev/vulnerability/${id}`],
    ...extra,
  };
}

/** Every kind of finding: KEV, hostile text, a VEX and an exception suppression, a misconfiguration. */
function sampleFindings(libc: Package, lodash: Package, evil: Package): Finding[] {
  return [
    vuln('CVE-2023-4911', 'high', libc, {
      score: 7.8,
      cvssVector: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H',
      kev: { dateAdded: '2023-11-21', dueDate: '2023-12-12' },
      epss: { score: 0.0123, percentile: 0.85 },
    }),
    vuln('CVE-2021-23337', 'high', lodash, { score: 7.2 }),
    vuln('CVE-2099-0001', 'critical', evil, { title: HOSTILE, description: HOSTILE }),
    vuln('CVE-2022-0002', 'medium', lodash, {
      suppressed: {
        by: 'vex (v.json, OpenVEX)',
        reason: 'not_affected: vulnerable_code_not_in_execute_path',
        vex: { status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' },
      },
    }),
    vuln('CVE-2022-0003', 'low', lodash, {
      suppressed: { by: 'exception (.tidegate.yml line 9)', reason: HOSTILE, expires: '2030-01-01' },
      fixState: 'not-fixed',
      fixedIn: [],
    }),
    {
      id: 'f-root',
      kind: 'misconfiguration',
      ruleId: 'root-user',
      aliases: [],
      severity: 'high',
      fixState: 'unknown',
      fixedIn: [],
      title: 'Image runs as root',
      location: 'config',
    },
  ];
}

function sampleVerdict(): ScanResult['verdict'] {
  return {
    status: 'fail',
    reasons: [
      {
        rule: 'vulnerabilities.severity',
        status: 'fail',
        message: '3 vulnerabilities at or above high',
        findingIds: ['f-CVE-2099-0001', 'f-CVE-2023-4911', 'f-CVE-2021-23337'],
      },
      {
        rule: 'vulnerabilities.kev',
        status: 'fail',
        message: '1 vulnerability known to be exploited (CISA KEV)',
        findingIds: ['f-CVE-2023-4911'],
      },
      {
        rule: 'findings.misconfiguration.severity',
        status: 'warn',
        message: `1 misconfiguration ${HOSTILE}`,
        findingIds: ['f-root'],
      },
      {
        rule: 'incomplete',
        status: 'warn',
        message: 'the scan is incomplete: 1 file could not be examined',
        findingIds: [],
      },
    ],
    counts: { critical: 1, high: 3, medium: 0, low: 0, negligible: 0, unknown: 0 },
    incomplete: true,
  };
}

const DISTRO: ScanResult['distro'] = {
  id: 'debian',
  versionId: '12',
  prettyName: 'Debian GNU/Linux 12 (bookworm)',
  ecosystem: 'Debian:12',
  source: 'etc/os-release',
};

/** A scan result with every kind of finding, suppressions, a baseline, a base-image split and an issue. */
export function sampleResult(): ScanResult {
  const libc = pkg('libc6', 'libc6', '2.36-9', 0, 'deb');
  const lodash = pkg('lodash', 'lodash', '4.17.15', 1);
  const evil = pkg('evil', HOSTILE, '1.0.0', 1);
  const findings = sampleFindings(libc, lodash, evil);
  return {
    schemaVersion: 1,
    tool: { name: 'tidegate', version: '0.1.0' },
    createdAt: '2026-06-01T12:00:00.000Z',
    image: {
      reference: 'oci:/tmp/app:latest',
      source: 'oci',
      configDigest: 'sha256:' + 'd'.repeat(64),
      repoTags: ['ghcr.io/acme/app:1'],
      os: 'linux',
      architecture: 'amd64',
      created: '2026-05-01T00:00:00Z',
      labels: {},
      layers,
    },
    distro: DISTRO,
    packages: [libc, lodash, evil],
    findings,
    ignored: [],
    issues: [{ by: 'npm', message: `cannot parse ${HOSTILE}`, path: 'app/node_modules/broken/package.json' }],
    db: { location: 'osv', records: 4 },
    baseline: {
      source: 'baseline.json',
      introduced: ['f-CVE-2099-0001', 'f-root'],
      unchanged: ['f-CVE-2023-4911', 'f-CVE-2021-23337', 'f-CVE-2022-0002', 'f-CVE-2022-0003'],
      fixed: [vuln('CVE-2020-0009', 'high', lodash, { id: 'f-old' })],
    },
    baseImage: { layers: 1, how: 'flag' },
    verdict: sampleVerdict(),
  };
}

/** `n` distinct high findings over one package, for size limits. */
export function manyFindings(n: number, text = 'x'.repeat(200)): ScanResult {
  const r = sampleResult();
  const p = r.packages[1]!;
  r.findings = Array.from({ length: n }, (_, i) =>
    vuln(`CVE-2024-${String(i).padStart(6, '0')}`, i % 2 ? 'high' : 'medium', p, {
      title: `${text} ${i}`,
      description: text.repeat(5),
    }),
  );
  r.baseline = undefined;
  r.verdict.reasons = [
    {
      rule: 'vulnerabilities.severity',
      status: 'fail',
      message: `${n} vulnerabilities`,
      findingIds: r.findings.map((f) => f.id),
    },
  ];
  return r;
}
