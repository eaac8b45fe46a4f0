// The shared client and waiter suites, configured from the manifest and the spec's examples.
import { describeProviderFromManifest } from "@opstatus/tools/test-kit/manifest-suites";
import * as module from "../src/index.js";

// the client suite sends the bearer form; HTTP Basic, the manifest's first form, has its own cases in client.test.ts
describeProviderFromManifest("oracle-identity-governance", module, { auth: "bearer" });
