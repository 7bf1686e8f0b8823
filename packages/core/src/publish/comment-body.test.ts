import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commentBody, commentMarker, GITHUB_COMMENT_LIMIT } from './comment-body.js';

test('comment body: the marker comes first and names the image', () => {
  assert.equal(commentBody('app:1', '# hi\n'), '<!-- tidegate:app:1 -->\n# hi\n');
  // a key can never end the HTML comment early
  assert.equal(commentMarker('a b-->c'), '<!-- tidegate:a_b-_c -->');
});

test('comment body: never over the limit, the verdict kept, open <details> closed', () => {
  const rows = Array.from({ length: 20000 }, (_, i) => `| CVE-2024-${i} | pkg | 1.0 |`).join('\n');
  const md = `### ❌ tidegate: FAIL\n\n<details><summary>all</summary>\n\n${rows}\n</details>\n`;
  const body = commentBody('app', md);
  assert.ok(body.length <= GITHUB_COMMENT_LIMIT, `${body.length}`);
  assert.ok(body.includes('### ❌ tidegate: FAIL'));
  assert.equal((body.match(/<details>/g) ?? []).length, (body.match(/<\/details>/g) ?? []).length);
  assert.match(body, /truncated to fit/);
});
