// The Action's entry point: dist/index.js is this file bundled (build.mjs).
import { run } from './main.js';

await run();
