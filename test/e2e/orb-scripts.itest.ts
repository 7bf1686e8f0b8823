// shellcheck (Debian's) on the orb's one script, as packed, and on the harness's assumptions: the
// orb's behaviour itself is tested by running its jobs the way CircleCI does (orb-job.itest.ts).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readlinkSync } from 'node:fs';
import { test } from 'node:test';
import { orbSrc } from '../helpers/orb.js';

test('orb scripts: shellcheck finds nothing in them (POSIX sh: the Jenkins step runs the same file)', () => {
  const files = readdirSync(orbSrc('scripts')).map((f) => orbSrc('scripts', f));
  const r = spawnSync('shellcheck', ['-s', 'sh', ...files], { encoding: 'utf8' });
  assert.equal(r.error, undefined, 'shellcheck is not installed (scripts/install-deps.sh installs it)');
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test("orb scripts: install.sh is the Jenkins library's install.sh, one file for both integrations", () => {
  assert.equal(
    readlinkSync(orbSrc('scripts', 'install.sh')),
    '../../../../jenkins-shared-lib/resources/io/tidegate/install.sh',
  );
});
