import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markdownFormat, MARKDOWN_MAX_CHARS } from './markdown.js';
import { buildReportModel } from './model.js';
import { manyFindings, sampleResult } from '../testing/report-sample.js';

const render = (r = sampleResult()) => markdownFormat.render(buildReportModel(r));

test('markdown: the verdict line comes first', () => {
  assert.match(render(), /^### ❌ tidegate: FAIL for ghcr\.io\/acme\/app&#58;1\n/);
});

const injection = [
  { name: '</details><img …> cannot close our details or add an image', bad: /<img|<\/details><img/ },
  { name: 'backticks cannot open a code span', bad: /`rm -rf/ },
  { name: '@mentions do not ping', bad: /@octocat/ },
  { name: '#123 does not link an issue', bad: /#123/ },
  { name: 'pipes in cells cannot add columns', bad: /a\|b/ },
  // eslint-disable-next-line no-control-regex
  { name: 'terminal escapes are gone', bad: /\x1b/ },
];
for (const c of injection) {
  test(`markdown injection: ${c.name}`, () => {
    assert.doesNotMatch(render(), c.bad);
  });
}

test('markdown: counts, reasons with rules, baseline and base-image lines, top findings, suppressed details', () => {
  const md = render();
  assert.match(md, /^\| 1 \| 3 \| 0 \| 0 \| 0 \| 0 \|$/m);
  assert.match(
    md,
    /^- \*\*fail\*\* · vulnerabilities\.kev: 1 vulnerability known to be exploited \(CISA KEV\) \(CVE-2023-4911\)$/m,
  );
  assert.match(md, /\*\*Compared with baseline\.json:\*\* 2 introduced · 1 fixed · 2 unchanged/);
  assert.match(
    md,
    /\*\*From the base image\*\* \(bottom 1 layers, as given\): 1 · \*\*added by your layers:\*\* 2/,
  );
  assert.match(md, /<summary>Suppressed \(2\)<\/summary>/);
  assert.match(md, /<summary>Fixed since the baseline \(1\)<\/summary>/);
});

test('markdown: the details tags we write stay balanced', () => {
  const md = render();
  assert.equal(md.split('<details>').length, md.split('</details>').length);
});

for (const n of [10, 2_000, 50_000]) {
  test(`markdown: ${n} findings with long titles stay under ${MARKDOWN_MAX_CHARS} characters, verdict intact`, () => {
    const md = render(manyFindings(n, '<b>'.repeat(300)));
    assert.ok(md.length < MARKDOWN_MAX_CHARS, `${md.length} characters`);
    assert.match(md, /^### ❌ tidegate: FAIL/);
    if (n > 100) assert.match(md, /more findings, left out to keep this under 65000 characters/);
    assert.equal(md.split('<details>').length, md.split('</details>').length);
  });
}
