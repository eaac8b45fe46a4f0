// Loads the package with CommonJS `require` (Node) and prints the scenario's result as one JSON line.
// the CommonJS build's types are the ESM build's, which scenario.mjs names
const p6 = /** @type {import("./scenario.mjs").Primavera} */ (require("@opstatus/oracle-primavera-admin"));

const resolved = require.resolve("@opstatus/oracle-primavera-admin");
import("./scenario.mjs").then(async ({ smoke }) => {
  const result = await smoke(p6, JSON.parse(String(process.argv[2])));
  console.log(JSON.stringify({ ...result, loads: "require", resolved }));
});
