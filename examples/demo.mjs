#!/usr/bin/env node
// `npm run demo`: builds the example image, then scans it offline with the real CLI against the
// advisories in examples/osv/. Paths are resolved from the repository root, so it runs from any cwd.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDemoImage } from './build-image.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

try {
  const built = await buildDemoImage(join(root, 'examples', 'out', 'demo-image.tar'));
  console.log(`demo: built ${built.path}`);
} catch (err) {
  console.error(`demo: could not build the example image: ${err.message}`);
  process.exit(2);
}

// Relative arguments with cwd at the root keep the paths in the report short and the same for everyone.
const args = ['scan', 'docker-archive:examples/out/demo-image.tar', '--db', 'examples/osv'];
const run = spawnSync(process.execPath, [join(root, 'packages', 'cli', 'bin', 'tidegate.js'), ...args], {
  cwd: root,
  stdio: 'inherit',
});

// The CLI's exit code is the verdict (0 pass, 1 policy failed, 2 could not scan). A failed image
// is what this example is built to show, so 1 means the demo worked.
if (run.error || run.status === null) {
  console.error(`demo: could not run tidegate: ${run.error?.message ?? `killed by ${run.signal}`}`);
  process.exit(2);
}
switch (run.status) {
  case 0:
    console.log('\ndemo: tidegate exited 0: the policy passed the image (this example is expected to fail).');
    process.exit(0);
    break;
  case 1:
    console.log(
      '\ndemo: tidegate exited 1: the policy failed the image because of its critical and high findings, as intended. The demo worked.',
    );
    process.exit(0);
    break;
  default:
    console.error(
      `\ndemo: tidegate exited ${run.status}: it could not scan the image (see the message above).`,
    );
    process.exit(2);
}
