import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configInput } from '../testing/check-inputs.js';
import { walkLayers } from '../testing/view.js';
import { fakeSecrets } from '../testing/secrets.js';
import type { ConfigCheck, ContentCheck } from './check.js';
import { maskConfigSecrets } from './config-secrets.js';
import { healthcheck } from './healthcheck.js';
import { checks } from './registry.js';
import { rootUser } from './root-user.js';
import { runChecks, toFinding } from './run.js';
import { redact } from './secret-values.js';
import { sudoInHistory } from './sudo-in-history.js';
import { updateAlone } from './update-alone.js';

async function context(exec = {}, history: string[] = []) {
  const { results, view } = await walkLayers([{ 'etc/hostname': 'x' }], []);
  const input = configInput(exec, history);
  const layers = results.map((r) => ({ ...r.origin, historyIndex: history.length - 1 }));
  return {
    config: input.config,
    maskedConfig: input.config,
    repoTags: [],
    layers,
    results,
    view,
    contentHits: [],
  };
}

test('run: a hit becomes a misconfiguration finding with the check’s title, severity and detail', async () => {
  const { findings } = runChecks([rootUser], await context());
  assert.deepEqual(
    findings.map(({ id: _id, ...f }) => f),
    [
      {
        kind: 'misconfiguration',
        ruleId: 'TG-CIS-4.1',
        aliases: [],
        severity: 'high',
        severitySource: 'check',
        title: 'Image runs as root',
        description: 'the image sets no USER, so it runs as root',
        fixState: 'unknown',
        fixedIn: [],
        location: 'config.User',
        evidence: 'User=',
      },
    ],
  );
});

test('run: a history hit is attributed to the layer its step created', async () => {
  const ctx = await context({}, ['/bin/sh -c apt-get update']);
  const [f] = runChecks([updateAlone], ctx).findings;
  assert.equal(f!.layer?.index, 0);
});

test('run: finding ids are stable and never include the layer', () => {
  const layerA = { index: 0, digest: 'sha256:aa', diffId: 'sha256:aa' };
  const layerB = { index: 3, digest: 'sha256:bb', diffId: 'sha256:bb' };
  const hit = { location: 'app/.env', line: 2, detail: 'x' };
  assert.equal(
    toFinding(healthcheck, { ...hit, layerIndex: 0 }, [layerA]).id,
    toFinding(healthcheck, { ...hit, layerIndex: 3 }, [layerA, layerA, layerA, layerB]).id,
  );
  assert.notEqual(toFinding(healthcheck, hit, []).id, toFinding(healthcheck, { ...hit, line: 3 }, []).id);
});

test('run: a check that throws is reported as an issue and the other checks still run', async () => {
  const broken: ConfigCheck = {
    ...rootUser,
    id: 'TG-CFG-broken',
    run: () => {
      throw new Error('boom');
    },
  };
  const { findings, issues } = runChecks([broken, healthcheck], await context());
  assert.deepEqual(issues, [{ by: 'TG-CFG-broken', message: 'check failed: boom' }]);
  assert.deepEqual(
    findings.map((f) => f.ruleId),
    ['TG-CIS-4.6'],
  );
});

test('run: checks that do not look for secrets see the masked config, so evidence never leaks one', async () => {
  const token = fakeSecrets('run').githubToken;
  const history = [`/bin/sh -c sudo curl -H "Authorization: token ${token}" https://x`];
  const ctx = await context({}, history);
  const masked = maskConfigSecrets(
    ctx.config,
    checks.filter((c): c is ContentCheck => c.kind === 'content'),
  );
  const [f] = runChecks([sudoInHistory], { ...ctx, maskedConfig: masked }).findings;
  assert.ok(f!.evidence!.includes(redact(token)));
  assert.ok(!f!.evidence!.includes(token));
});
