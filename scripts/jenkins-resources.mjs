#!/usr/bin/env node
// Puts the CLI bundle this commit builds into the Jenkins library, where the tidegateScan step
// loads it with libraryResource (a pipeline then downloads no code): resources/io/tidegate/
// tidegate.mjs and tidegate.mjs.sha256 (`<sha256>  tidegate.mjs`, sha256sum's format). Both are
// git-ignored and written by every build, so the repository's tests run the library with the CLI
// of the same commit; a release commits them into the release commit it tags
// (docs/adr/0015-distribution-and-integrity.md).
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const bundle = join(root, 'packages', 'cli', 'dist', 'tidegate.mjs');
const dir = join(root, 'jenkins-shared-lib', 'resources', 'io', 'tidegate');
copyFileSync(bundle, join(dir, 'tidegate.mjs'));
const sum = createHash('sha256').update(readFileSync(bundle)).digest('hex');
writeFileSync(join(dir, 'tidegate.mjs.sha256'), `${sum}  tidegate.mjs\n`);
