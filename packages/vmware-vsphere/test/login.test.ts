import { describeLogin } from "@opstatus/tools/test-kit/login-suite";
import * as module from "../src/index.js";

describeLogin("vmware-vsphere", module);
