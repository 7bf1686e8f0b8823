import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildTar } from '../testing/images.js';
import { indexTar } from './tar-index.js';

test('indexTar: offsets and sizes of every member, long names included', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tidegate-idx-'));
  try {
    const long = `${'d'.repeat(120)}/${'f'.repeat(120)}.json`;
    const tar = await buildTar([
      { name: 'a.txt', content: 'hello' },
      { name: long, content: 'long name' },
      { name: 'l', type: 'symlink', linkname: 'a.txt' },
    ]);
    const p = join(dir, 't.tar');
    await writeFile(p, tar);
    const idx = await indexTar(p);
    const a = idx.get('a.txt')!;
    assert.equal(tar.subarray(a.offset, a.offset + a.size).toString(), 'hello');
    const b = idx.get(long)!;
    assert.equal(tar.subarray(b.offset, b.offset + b.size).toString(), 'long name');
    assert.equal(idx.get('l')!.type, '2');
    const bad = Buffer.from(tar);
    bad[100] ^= 0xff; // corrupt the first header's mode field, so its checksum no longer holds
    await writeFile(p, bad);
    await assert.rejects(indexTar(p), /bad tar header checksum at offset 0/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
