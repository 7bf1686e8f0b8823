import assert from 'node:assert/strict';
import { test } from 'node:test';
import { annotation, commandProperty, outputFileText, protectUntrusted } from './github.js';

test('github: a hostile message cannot reach the runner as anything but text', () => {
  // OSC-8 links, a clear-screen sequence, a newline that would start a new command
  const hostile = 'pkg \u001b]8;;https://evil\u0007click\u001b]8;;\u0007 \u001b[2J 100%\n::add-mask::x';
  const line = annotation('error', hostile, 'tidegate: a,b');
  assert.equal(line.split('\n').length, 1);
  assert.ok(!line.includes('\u001b') && !line.includes('\u0007'));
  assert.equal(
    line,
    '::error title=tidegate%3A a%2Cb::pkg ]8;;https://evil click ]8;; [2J 100%25 ::add-mask::x',
  );
  assert.equal(commandProperty('a:b,c%'), 'a%3Ab%2Cc%25');
});

test('github: text with a workflow command inside is fenced by stop-commands', () => {
  assert.equal(protectUntrusted('plain\n'), 'plain\n');
  assert.equal(protectUntrusted('a\n  ::error::x', 'T'), '::stop-commands::T\na\n  ::error::x\n::T::\n');
});

test('github: outputs are heredoc blocks, and a value cannot end its block early', () => {
  assert.equal(
    outputFileText({ verdict: 'fail', x: 'a\nD\nb' }, 'D'),
    'verdict<<D\nfail\nD\nx<<D\na\n\nb\nD\n',
  );
});
