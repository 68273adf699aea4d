#!/usr/bin/env node
// Runs the JavaScript that `npm ci` builds into dist/ (the `prepare` script).
await import("../dist/cli/main.js");
