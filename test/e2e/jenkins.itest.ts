import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '@tidegate/core/testing';

// The Jenkins shared library's tests run under Debian's groovy (2.4, the line Jenkins embeds):
// jenkins-shared-lib/test/run.groovy prints one TAP line per case, and each becomes a Node test
// here, so `npm test` counts and names them. Some cases run the built CLI for real.

const lib = join(repoRoot(), 'jenkins-shared-lib');

/**
 * A Java 17 home for groovy: Debian's groovy script runs /usr/lib/jvm/default-java unless
 * JAVA_HOME says otherwise, and Groovy 2.4 is not made for the newer JDKs some machines default to.
 */
function javaHome(): string | undefined {
  const jvm = '/usr/lib/jvm';
  const jdk17 = existsSync(jvm)
    ? readdirSync(jvm).find((d) => /^java-17-openjdk-[a-z0-9]+$/.test(d))
    : undefined;
  if (jdk17) return join(jvm, jdk17);
  return process.env.JAVA_HOME;
}

interface GroovyCase {
  name: string;
  ok: boolean;
  detail: string[];
}

/** Runs the Groovy suite once; resolves with its exit code, its cases and everything it printed. */
function runGroovySuite(): Promise<{ code: number | null; cases: GroovyCase[]; output: string }> {
  const home = javaHome();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/root',
    LANG: 'C.UTF-8',
    ...(home ? { JAVA_HOME: home } : {}),
  };
  return new Promise((resolve) => {
    const child = spawn('groovy', [join(lib, 'test', 'run.groovy')], { cwd: repoRoot(), env });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 600_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({
        code: null,
        cases: [],
        output: `cannot run groovy (scripts/install-deps.sh installs it): ${err.message}`,
      });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, cases: parseTap(output), output });
    });
  });
}

function parseTap(output: string): GroovyCase[] {
  const cases: GroovyCase[] = [];
  for (const line of output.split('\n')) {
    const m = /^(ok|not ok) \d+ - (.*)$/.exec(line);
    if (m) cases.push({ name: m[2]!, ok: m[1] === 'ok', detail: [] });
    else if (line.startsWith('# ') && cases.length) cases[cases.length - 1]!.detail.push(line.slice(2));
  }
  return cases;
}

const suite = await runGroovySuite();

test('jenkins: the Groovy suite ran every case and exited 0', () => {
  assert.ok(suite.cases.length >= 40, `only ${suite.cases.length} cases ran:\n${suite.output}`);
  assert.equal(suite.code, 0, suite.output);
  assert.match(suite.output, new RegExp(`^${suite.cases.length} passed, 0 failed$`, 'm'));
});

for (const c of suite.cases) {
  test(`jenkins: ${c.name}`, () => {
    assert.ok(c.ok, c.detail.join('\n'));
  });
}

test('jenkins: install.sh is POSIX sh that shellcheck passes', () => {
  const r = spawnSync('shellcheck', ['-s', 'sh', join(lib, 'resources', 'io', 'tidegate', 'install.sh')], {
    encoding: 'utf8',
  });
  assert.equal(r.error, undefined, 'shellcheck is not installed (scripts/install-deps.sh installs it)');
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
