#!/usr/bin/env node
// Thin launcher so npm can link `tidegate` before the bundle is built.
import '../dist/tidegate.js';
