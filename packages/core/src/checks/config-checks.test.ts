import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configInput } from '../testing/check-inputs.js';
import type { OciExecConfig } from '../types/oci/config.js';
import { addInsteadOfCopy } from './add-instead-of-copy.js';
import { addRemoteUrl } from './add-remote-url.js';
import type { ConfigCheck, ConfigInput } from './check.js';
import { healthcheck } from './healthcheck.js';
import { latestTag } from './latest-tag.js';
import { rootUser } from './root-user.js';
import { sshPort } from './ssh-port.js';
import { sudoInHistory } from './sudo-in-history.js';
import { pipeToShell } from './pipe-to-shell.js';
import { updateAlone } from './update-alone.js';

const HEALTHY: OciExecConfig = { User: 'app', Healthcheck: { Test: ['CMD', '/bin/true'] } };

/** `want`: the locations hit. */
const cases: { check: ConfigCheck; name: string; input: ConfigInput; want: string[] }[] = [
  // CIS 4.1
  { check: rootUser, name: 'no USER is root', input: configInput({}), want: ['config.User'] },
  { check: rootUser, name: 'USER root', input: configInput({ User: 'root' }), want: ['config.User'] },
  { check: rootUser, name: 'USER 0:0', input: configInput({ User: '0:0' }), want: ['config.User'] },
  { check: rootUser, name: 'USER app passes', input: configInput({ User: 'app' }), want: [] },
  { check: rootUser, name: 'USER 1000:1000 passes', input: configInput({ User: '1000:1000' }), want: [] },
  // CIS 4.6
  { check: healthcheck, name: 'no healthcheck', input: configInput({}), want: ['config.Healthcheck'] },
  {
    check: healthcheck,
    name: 'HEALTHCHECK NONE',
    input: configInput({ Healthcheck: { Test: ['NONE'] } }),
    want: ['config.Healthcheck'],
  },
  { check: healthcheck, name: 'a healthcheck passes', input: configInput(HEALTHY), want: [] },
  // CIS 4.7
  {
    check: updateAlone,
    name: 'apt-get update alone',
    input: configInput({}, ['/bin/sh -c apt-get update']),
    want: ['history[0]'],
  },
  {
    check: updateAlone,
    name: 'apk update alone (BuildKit)',
    input: configInput({}, ['RUN /bin/sh -c apk update # buildkit']),
    want: ['history[0]'],
  },
  {
    check: updateAlone,
    name: 'yum makecache alone',
    input: configInput({}, ['x', '/bin/sh -c yum makecache']),
    want: ['history[1]'],
  },
  {
    check: updateAlone,
    name: 'update and install together pass',
    input: configInput({}, ['/bin/sh -c apt-get update && apt-get install -y curl']),
    want: [],
  },
  {
    check: updateAlone,
    name: 'apk update and add pass',
    input: configInput({}, ['/bin/sh -c apk update && apk add git']),
    want: [],
  },
  {
    check: updateAlone,
    name: 'update in an ENV value is not a RUN',
    input: configInput({}, ['/bin/sh -c #(nop) ENV X=apt-get update']),
    want: [],
  },
  // CIS 4.9
  {
    check: addInsteadOfCopy,
    name: 'ADD of a context file (Buildah)',
    input: configInput({}, ['/bin/sh -c #(nop) ADD file:abc in /app/x ']),
    want: ['history[0]'],
  },
  {
    check: addInsteadOfCopy,
    name: 'ADD of a context file (BuildKit)',
    input: configInput({}, ['ADD app.tgz /srv # buildkit']),
    want: ['history[0]'],
  },
  {
    check: addInsteadOfCopy,
    name: 'the base image rootfs ADD into / passes',
    input: configInput({}, ['/bin/sh -c #(nop) ADD file:abc in / ']),
    want: [],
  },
  {
    check: addInsteadOfCopy,
    name: 'COPY passes',
    input: configInput({}, ['COPY . /app # buildkit']),
    want: [],
  },
  {
    check: addInsteadOfCopy,
    name: 'ADD of a URL is left to the URL check',
    input: configInput({}, ['ADD https://example.com/a.tgz /a # buildkit']),
    want: [],
  },
  {
    check: addRemoteUrl,
    name: 'ADD of a URL',
    input: configInput({}, ['ADD https://example.com/a.tgz /a # buildkit']),
    want: ['history[0]'],
  },
  {
    check: addRemoteUrl,
    name: 'ADD of a URL with a checksum passes',
    input: configInput({}, ['ADD --checksum=sha256:0a1b https://example.com/a.tgz /a # buildkit']),
    want: [],
  },
  {
    check: addRemoteUrl,
    name: 'ADD of a context file passes',
    input: configInput({}, ['ADD app.tgz /srv # buildkit']),
    want: [],
  },
  // sudo
  {
    check: sudoInHistory,
    name: 'sudo in RUN',
    input: configInput({}, ['/bin/sh -c sudo apt-get install -y curl']),
    want: ['history[0]'],
  },
  {
    check: sudoInHistory,
    name: 'sudo after &&',
    input: configInput({}, ['RUN /bin/sh -c cd /x && sudo make install # buildkit']),
    want: ['history[0]'],
  },
  {
    check: sudoInHistory,
    name: 'installing sudo is not running it',
    input: configInput({}, ['/bin/sh -c apt-get install -y sudo']),
    want: [],
  },
  {
    check: sudoInHistory,
    name: 'sudo in a LABEL is not a RUN',
    input: configInput({}, ['LABEL sudo=no']),
    want: [],
  },
  // a download piped into a shell
  ...[
    ['curl | sh', 'RUN /bin/sh -c curl -fsSL https://get.example.com | sh # buildkit', ['history[0]']],
    [
      'wget -O- | sudo bash -s',
      '/bin/sh -c wget -qO- https://x.example/i.sh | sudo bash -s -- -y',
      ['history[0]'],
    ],
    ['bash <(curl)', '/bin/sh -c bash <(curl -s https://x.example/i.sh)', ['history[0]']],
    ['sh -c "$(curl)"', '/bin/sh -c sh -c "$(curl -fsSL https://x.example/i.sh)"', ['history[0]']],
    [
      'curl to a file, then sha256sum, then sh',
      '/bin/sh -c curl -o i.sh https://x && sha256sum -c s && sh i.sh',
      [],
    ],
    ['curl | tar passes', '/bin/sh -c curl -L https://x/a.tgz | tar xz', []],
    ['a pipe to sh in a LABEL is not a RUN', 'LABEL note="curl x | sh"', []],
  ].map(([name, step, want]) => ({
    check: pipeToShell,
    name: name as string,
    input: configInput({}, [step as string]),
    want: want as string[],
  })),
  // port 22
  {
    check: sshPort,
    name: 'EXPOSE 22',
    input: configInput({ ExposedPorts: { '22/tcp': {}, '80/tcp': {} } }),
    want: ['config.ExposedPorts.22/tcp'],
  },
  {
    check: sshPort,
    name: 'EXPOSE 2222 passes',
    input: configInput({ ExposedPorts: { '2222/tcp': {} } }),
    want: [],
  },
  // latest tag
  {
    check: latestTag,
    name: 'name:latest',
    input: configInput({}, [], ['example/app:latest']),
    want: ['image.tag'],
  },
  {
    check: latestTag,
    name: 'an OCI layout tag latest',
    input: configInput({}, [], ['latest']),
    want: ['image.tag'],
  },
  {
    check: latestTag,
    name: 'a version tag passes',
    input: configInput({}, [], ['example/app:1.4.2', 'example/latest:1']),
    want: [],
  },
  { check: latestTag, name: 'no tag passes', input: configInput({}), want: [] },
];

for (const c of cases) {
  test(`${c.check.id}: ${c.name}`, () => {
    assert.deepEqual(
      c.check.run(c.input).map((h) => h.location),
      c.want,
    );
  });
}

test('TG-CIS-4.7: the hit points at its history entry, so the finding gets that layer', () => {
  const [hit] = updateAlone.run(configInput({}, ['/bin/sh -c #(nop) ENV A=b', '/bin/sh -c apt-get update']));
  assert.equal(hit!.historyIndex, 1);
  assert.equal(hit!.evidence, 'apt-get update');
});
