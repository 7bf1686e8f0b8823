import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HeaderError, parseHeader, TAG, TYPE } from './header.js';
import { rpmInfo, rpmSource, rpmVersion, splitSourceRpm } from './package.js';

interface E {
  tag: number;
  type: number;
  data: Buffer;
  count?: number;
}

const str = (tag: number, s: string): E => ({ tag, type: TYPE.STRING, data: Buffer.from(`${s}\0`) });
const strs = (tag: number, xs: string[]): E => ({
  tag,
  type: TYPE.STRING_ARRAY,
  data: Buffer.from(xs.map((x) => `${x}\0`).join('')),
  count: xs.length,
});
const int32 = (tag: number, xs: number[]): E => {
  const data = Buffer.alloc(4 * xs.length);
  xs.forEach((x, i) => data.writeInt32BE(x, 4 * i));
  return { tag, type: TYPE.INT32, data, count: xs.length };
};

/**
 * A header blob as rpm writes one into its database (`headerExport`): index counts, entries,
 * data store with each entry aligned for its type, and (by default) an immutable region whose
 * trailer closes the store.
 */
function buildHeader(entries: E[], opts: { region?: boolean } = {}): Buffer {
  const region = opts.region ?? true;
  const parts: Buffer[] = [];
  const index: number[][] = [];
  let dl = 0;
  for (const e of entries) {
    const align = e.type === TYPE.INT32 ? 4 : 1;
    const pad = (align - (dl % align)) % align;
    if (pad) parts.push(Buffer.alloc(pad));
    dl += pad;
    index.push([e.tag, e.type, dl, e.count ?? 1]);
    parts.push(e.data);
    dl += e.data.length;
  }
  const il = entries.length + (region ? 1 : 0);
  if (region) {
    const trailer = Buffer.alloc(16);
    [TAG.HEADERIMMUTABLE, TYPE.BIN, -(il * 16), 16].forEach((v, i) => trailer.writeInt32BE(v, 4 * i));
    index.unshift([TAG.HEADERIMMUTABLE, TYPE.BIN, dl, 16]);
    parts.push(trailer);
    dl += 16;
  }
  const head = Buffer.alloc(8 + il * 16);
  head.writeUInt32BE(il, 0);
  head.writeUInt32BE(dl, 4);
  index.forEach((e, i) => e.forEach((v, j) => head.writeInt32BE(v, 8 + i * 16 + j * 4)));
  return Buffer.concat([head, ...parts]);
}

const basic = [
  str(TAG.NAME, 'openssl-libs'),
  str(TAG.VERSION, '1.0.2k'),
  str(TAG.RELEASE, '16.el7'),
  int32(TAG.EPOCH, [1]),
  str(TAG.ARCH, 'x86_64'),
  str(TAG.SOURCERPM, 'openssl-1.0.2k-16.el7.src.rpm'),
  str(TAG.LICENSE, 'OpenSSL'),
];

test('header: a header with an immutable region reads as rpm reads it', () => {
  const files = [
    int32(TAG.DIRINDEXES, [0, 0, 1]),
    strs(TAG.BASENAMES, ['libssl.so.10', 'libcrypto.so.10', 'LICENSE']),
    strs(TAG.DIRNAMES, ['/usr/lib64/', '/usr/share/licenses/openssl-libs/']),
  ];
  const info = rpmInfo(parseHeader(buildHeader([...basic, ...files])))!;
  assert.deepEqual(info, {
    name: 'openssl-libs',
    epoch: 1,
    version: '1.0.2k',
    release: '16.el7',
    arch: 'x86_64',
    sourceRpm: 'openssl-1.0.2k-16.el7.src.rpm',
    license: 'OpenSSL',
    files: ['usr/lib64/libssl.so.10', 'usr/lib64/libcrypto.so.10', 'usr/share/licenses/openssl-libs/LICENSE'],
  });
  assert.equal(rpmVersion(info), '1:1.0.2k-16.el7');
  assert.deepEqual(rpmSource(info), { name: 'openssl', version: '1:1.0.2k-16.el7' });
});

test('header: a legacy header (no region) with OLDFILENAMES is still read', () => {
  const info = rpmInfo(
    parseHeader(buildHeader([...basic.slice(0, 3), strs(TAG.OLDFILENAMES, ['/bin/sh'])], { region: false })),
  )!;
  assert.deepEqual(
    [info.name, info.epoch, rpmVersion(info), info.files],
    ['openssl-libs', undefined, '1.0.2k-16.el7', ['bin/sh']],
  );
});

test('header: a later entry for the same tag replaces the earlier one (rpm’s dribble entries)', () => {
  const info = rpmInfo(
    parseHeader(buildHeader([...basic, str(TAG.MODULARITYLABEL, 'a'), str(TAG.MODULARITYLABEL, 'b')])),
  )!;
  assert.equal(info.modularityLabel, 'b');
});

test('header: no NAME means no package (rpm cannot name it either)', () => {
  assert.equal(rpmInfo(parseHeader(buildHeader([str(TAG.VERSION, '1')]))), undefined);
});

/** Corruptions of a valid blob, and the reason rpm's `hdrblobInit()` gives for each. */
const sad: { name: string; blob: () => Buffer; want: RegExp }[] = [
  { name: 'shorter than the index counts', blob: () => Buffer.alloc(5), want: /^hdr length: BAD$/ },
  {
    name: 'truncated data store',
    blob: () => buildHeader(basic).subarray(0, -3),
    want: /^blob size\(\d+\): BAD, 8 \+ 16 \* il\(8\) \+ dl\(\d+\)$/,
  },
  {
    name: 'trailing garbage',
    blob: () => Buffer.concat([buildHeader(basic), Buffer.from('xx')]),
    want: /^blob size/,
  },
  {
    name: 'absurd tag count',
    blob: () => {
      const b = buildHeader(basic);
      b.writeUInt32BE(0x10000, 0);
      return b;
    },
    want: /^hdr tags: BAD, no\. of tags\(65536\) out of range$/,
  },
  {
    name: 'absurd data length',
    blob: () => {
      const b = buildHeader(basic);
      b.writeUInt32BE(0x10000000, 4);
      return b;
    },
    want: /^hdr data: BAD/,
  },
  {
    name: 'region trailer overwritten',
    blob: () => {
      const b = buildHeader(basic);
      b.writeUInt32BE(1000, b.length - 16);
      return b;
    },
    want: /^region trailer: BAD, tag 1000/,
  },
  {
    name: 'region offset past the data',
    blob: () => {
      const b = buildHeader(basic);
      b.writeInt32BE(1 << 20, 16);
      return b;
    },
    want: /^region offset: BAD/,
  },
  {
    name: 'entry offset past the data',
    blob: () => {
      const b = buildHeader(basic);
      b.writeInt32BE(1 << 20, 8 + 16 * 7 + 8);
      return b;
    },
    want: /^tag\[7\]: BAD, tag 1014/,
  },
  {
    name: 'a string without its NUL',
    blob: () => {
      const b = buildHeader([str(TAG.NAME, 'x')], { region: false });
      b[b.length - 1] = 0x41;
      return b;
    },
    want: /^tag\[0\]: BAD, tag 1000 type 6/,
  },
  {
    name: 'NAME stored as a number (rpm’s tag type check)',
    blob: () => buildHeader([int32(TAG.NAME, [7])]),
    want: /^tag\[1\]: BAD, tag 1000 type 4/,
  },
  {
    name: 'overlapping entries',
    blob: () => {
      const b = buildHeader(basic, { region: false });
      b.writeInt32BE(0, 8 + 16 * 1 + 8);
      return b;
    },
    want: /^tag\[1\]: BAD/,
  },
  {
    name: 'a reserved tag number below 100',
    blob: () => buildHeader([{ ...str(TAG.NAME, 'x'), tag: 99 }], { region: false }),
    want: /^tag\[0\]: BAD, tag 99/,
  },
  {
    name: 'a misaligned INT32',
    blob: () => {
      const b = buildHeader([str(TAG.NAME, 'ab'), int32(TAG.EPOCH, [1])], { region: false });
      b.writeInt32BE(3, 8 + 16 + 8);
      return b;
    },
    want: /^tag\[1\]: BAD/,
  },
];

for (const c of sad) {
  test(`header: sad path: ${c.name} is a damaged header`, () => {
    assert.throws(
      () => parseHeader(c.blob()),
      (e: unknown) => e instanceof HeaderError && c.want.test(e.message),
    );
  });
}

test('header: random bytes never crash the parser, they are damaged headers', () => {
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
  const good = buildHeader(basic);
  for (let i = 0; i < 2000; i++) {
    const b = Buffer.from(good);
    for (let k = 0; k < 1 + (i % 6); k++) b[rand() % b.length] = rand();
    try {
      const h = parseHeader(b);
      rpmInfo(h);
    } catch (e) {
      assert.ok(e instanceof HeaderError, `${(e as Error).name}: ${(e as Error).message}`);
    }
  }
});

const srpms: { input: string; want: ReturnType<typeof splitSourceRpm> }[] = [
  {
    input: 'util-linux-2.32.1-42.el8_8.src.rpm',
    want: { name: 'util-linux', versionRelease: '2.32.1-42.el8_8' },
  },
  {
    input: 'kernel-5.14.0-427.13.1.el9_4.src.rpm',
    want: { name: 'kernel', versionRelease: '5.14.0-427.13.1.el9_4' },
  },
  {
    input: 'perl-Net-SSLeay-1.92-2.fc38.nosrc.rpm',
    want: { name: 'perl-Net-SSLeay', versionRelease: '1.92-2.fc38' },
  },
  { input: '(none)', want: undefined },
  { input: 'broken.src.rpm', want: undefined },
];

for (const c of srpms) {
  test(`header: source rpm ${c.input} splits into name and version-release`, () => {
    assert.deepEqual(splitSourceRpm(c.input), c.want);
  });
}
