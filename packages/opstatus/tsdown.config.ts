import { defineConfig } from "tsdown";
import { packageConfig } from "../../tsdown.config.base.ts";

export default defineConfig(
  packageConfig({
    index: "src/index.ts",
    "vmware-customer-connect": "src/vmware-customer-connect.ts",
    "ntt-enterprise-cloud": "src/ntt-enterprise-cloud.ts",
    "oracle-identity-governance": "src/oracle-identity-governance.ts",
    "vmware-vsphere": "src/vmware-vsphere.ts",
    "oracle-primavera-admin": "src/oracle-primavera-admin.ts",
  }),
);
