#!/usr/bin/env node
// Thin launcher so npm can link `tidegate` in the workspace before the bundle is built; the
// published package's bin is the bundle itself (scripts/release.mjs).
import '../dist/tidegate.mjs';
