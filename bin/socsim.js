#!/usr/bin/env node
// Runs the JavaScript that `npm ci` builds into dist/ (the `prepare` script).
import { existsSync } from "node:fs";

const main = new URL("../dist/cli/main.js", import.meta.url);
if (existsSync(main)) await import(main.href);
else {
  process.stderr.write("socsim: dist/ is not built: run `npm run build` (npm ci runs it)\n");
  process.exitCode = 3;
}
