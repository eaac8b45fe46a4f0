// Loads the package with CommonJS `require` (Node) and prints the scenario's result as one JSON line.
const p6 = require("@opstatus/oracle-primavera-admin");

const resolved = require.resolve("@opstatus/oracle-primavera-admin");
import("./scenario.mjs").then(async ({ smoke }) => {
  const result = await smoke(p6, JSON.parse(process.argv[2]));
  console.log(JSON.stringify({ ...result, loads: "require", resolved }));
});
