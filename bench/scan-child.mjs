// Runs one scan in a fresh process and prints {ms, maxRssMiB} as JSON, so each measurement has
// its own heap and its peak RSS is the scan's alone. The optional third argument is JSON merged
// into the scan options (registry settings, env); the layer cache is always off.
import { performance } from 'node:perf_hooks';
import { loadOsvDb, scan } from '@tidegate/core';

const [reference, dbPath, extra] = process.argv.slice(2);
const db = await loadOsvDb(dbPath);
const t0 = performance.now();
const result = await scan({ reference, db, cache: false, ...(extra ? JSON.parse(extra) : {}) });
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
  }),
);
