// Loads the package with ESM `import` (Node, Bun, Deno) and prints the scenario's result as one JSON line.
import * as p6 from "@opstatus/oracle-primavera-admin";
import { smoke } from "./scenario.mjs";

const { Deno } = /** @type {{ Deno?: { args: string[] } }} */ (globalThis);
const config = JSON.parse(String(Deno ? Deno.args[0] : process.argv[2]));
let resolved = null;
try {
  resolved = import.meta.resolve("@opstatus/oracle-primavera-admin");
} catch {}
console.log(JSON.stringify({ ...(await smoke(p6, config)), loads: "import", resolved }));
