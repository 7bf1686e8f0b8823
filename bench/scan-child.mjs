// Runs one scan in a fresh process and prints {ms, maxRssMiB} as JSON, so each measurement has
// its own heap and its peak RSS is the scan's alone. The optional third argument is JSON merged
// into the scan options (registry settings, env); the layer cache is always off.
// `{"contentChecks": false}` runs every check except the content (secret) rules.
import { performance } from 'node:perf_hooks';
import { checks, loadOsvDb, memoryLogger, scan } from '@tidegate/core';

const [reference, dbPath, extra] = process.argv.slice(2);
const db = await loadOsvDb(dbPath);
const t0 = performance.now();
const { contentChecks = true, ...options } = extra ? JSON.parse(extra) : {};
const selected = contentChecks ? checks : checks.filter((c) => c.kind !== 'content');
const logger = memoryLogger();
const result = await scan({ reference, db, cache: false, checks: selected, logger, ...options });
const ms = performance.now() - t0;
const usage = process.resourceUsage();
const maxRssMiB = usage.maxRSS / 1024;
// CPU time of every thread of this process (zlib runs on libuv's pool), including the DB load
const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
process.stdout.write(
  JSON.stringify({
    ms,
    cpuMs,
    maxRssMiB,
    packages: result.packages.length,
    findings: result.findings.length,
    secretScan: logger.lines.find((l) => l.startsWith('info: secret scan:'))?.slice('info: '.length),
  }),
);
