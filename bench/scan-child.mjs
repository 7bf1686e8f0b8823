// Runs one scan in a fresh process and prints {ms, maxRssMiB} as JSON, so each measurement has
// its own heap and its peak RSS is the scan's alone.
import { performance } from 'node:perf_hooks';
import { loadOsvDb, scan } from '@tidegate/core';

const [reference, dbPath] = process.argv.slice(2);
const db = await loadOsvDb(dbPath);
const t0 = performance.now();
const result = await scan({ reference, db });
const ms = performance.now() - t0;
const maxRssMiB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(
  JSON.stringify({ ms, maxRssMiB, packages: result.packages.length, findings: result.findings.length }),
);
