// Parses Terraform files with @cdktf/hcl2json (HashiCorp's HCL parser compiled to WebAssembly) and
// prints one JSON object: { "<file>": <the file as JSON> } or { "<file>": { "error": "<file:line: ...>" } }.
// Used by platform-tests (com.hrt.sre.platform.delivery.TerraformTest); no terraform binary needed.
// Usage: node tools/hcl2json.mjs FILE.tf...
import { readFile } from "node:fs/promises";
import { parse } from "@cdktf/hcl2json";

const result = {};
for (const file of process.argv.slice(2)) {
  try {
    result[file] = await parse(file, await readFile(file, "utf8"));
  } catch (error) {
    result[file] = { error: String(error?.message ?? error) };
  }
}
process.stdout.write(JSON.stringify(result));
