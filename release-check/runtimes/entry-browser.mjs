// Bundled by esbuild into the page that Chromium opens; the result lands on `window.__smoke` for the driver.
import * as p6 from "@opstatus/oracle-primavera-admin";
import { smoke } from "./scenario.mjs";

const config = JSON.parse(decodeURIComponent(location.hash.slice(1)));
smoke(p6, config).then(
  (result) => {
    window.__smoke = { ...result, loads: "esbuild bundle" };
  },
  (error) => {
    window.__smoke = { fatal: String(error) };
  },
);
