import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clip, escapeHtml, escapeMarkdown, escapeXml, oneLine } from './escape.js';

const hostile = '</details><img src=x onerror=alert(1)>';

const markdownCases = [
  { name: 'HTML cannot close our details or add an image', input: hostile, notContains: ['<', '>'] },
  { name: 'backticks cannot open a code span', input: 'a `rm -rf /` b', notContains: ['`'] },
  { name: '@mentions do not ping', input: 'thanks @octocat and @github/security', notMatch: /@[A-Za-z]/ },
  { name: '#123 does not link an issue', input: 'fixes #123 and GH#9', notMatch: /#\d/ },
  { name: 'pipes cannot split a table cell', input: 'a | b || c', notContains: ['|'] },
  { name: 'newlines cannot start a new block', input: 'a\n\n# heading\n- item', notContains: ['\n'] },
  {
    name: 'links and images cannot form',
    input: '![x](https://evil.example/)',
    notContains: ['[', ']'],
  },
];
for (const c of markdownCases) {
  test(`escapeMarkdown: ${c.name}`, () => {
    const out = escapeMarkdown(c.input);
    for (const s of c.notContains ?? []) assert.ok(!out.includes(s), `${JSON.stringify(s)} in ${out}`);
    if (c.notMatch) assert.doesNotMatch(out, c.notMatch);
  });
}

test('escapeMarkdown: a leading list or heading marker is escaped', () => {
  assert.equal(escapeMarkdown('- x'), '\\- x');
  assert.equal(escapeMarkdown('1. x'), '1\\. x');
});

test('escapeHtml and escapeXml: markup and quotes are escaped', () => {
  assert.equal(escapeHtml(hostile), '&lt;/details&gt;&lt;img src=x onerror=alert(1)&gt;');
  assert.equal(escapeXml(`a"b'c&d`), 'a&quot;b&#39;c&amp;d');
});

test('escapeXml: characters XML 1.0 cannot hold are dropped', () => {
  assert.equal(escapeXml('a\x00b\x1bc\ud800d\tе'), 'abcd\tе');
});

test('oneLine and clip', () => {
  assert.equal(oneLine('a\x1b[31m\nb'), 'a [31m b');
  assert.equal(clip('abcdef', 4), 'abc…');
  assert.equal(clip('😀😀😀', 2), '😀…');
});
