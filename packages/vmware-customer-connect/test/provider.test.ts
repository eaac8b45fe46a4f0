// The shared client and waiter suites, configured from the manifest and the spec's examples.
import { describeProviderFromManifest } from "@opstatus/tools/test-kit/manifest-suites";
import * as module from "../src/index.js";

describeProviderFromManifest("vmware-customer-connect", module);
