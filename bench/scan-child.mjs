// Runs one scan in a fresh process and prints {ms, maxRssMiB} as JSON, so each measurement has
// its own heap and its peak RSS is the scan's alone.
//   node scan-child.mjs REFERENCE DB [all|no-content]
// `no-content` runs every check except the content (secret) rules, for the secret-scan cost.
import { performance } from 'node:perf_hooks';
import { checks, loadOsvDb, memoryLogger, scan } from '@tidegate/core';

const [reference, dbPath, mode = 'all'] = process.argv.slice(2);
const db = await loadOsvDb(dbPath);
const logger = memoryLogger();
const selected = mode === 'no-content' ? checks.filter((c) => c.kind !== 'content') : checks;
const t0 = performance.now();
const result = await scan({ reference, db, checks: selected, logger });
const ms = performance.now() - t0;
const maxRssMiB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(
  JSON.stringify({
    ms,
    maxRssMiB,
    packages: result.packages.length,
    findings: result.findings.length,
    secretScan: logger.lines.find((l) => l.startsWith('info: secret scan:'))?.slice('info: '.length),
  }),
);
