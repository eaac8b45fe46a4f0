// Bundled by esbuild into the page that Chromium opens; the result lands on `window.__smoke` for the driver.
import * as p6 from "@opstatus/oracle-primavera-admin";
import { smoke } from "./scenario.mjs";

const page = /** @type {Window & { __smoke?: unknown }} */ (window);
const config = JSON.parse(decodeURIComponent(location.hash.slice(1)));
smoke(p6, config).then(
  (result) => {
    page.__smoke = { ...result, loads: "esbuild bundle" };
  },
  (error) => {
    page.__smoke = { fatal: String(error) };
  },
);
