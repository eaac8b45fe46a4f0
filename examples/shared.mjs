// What the examples share: where the mock is, and how a wait's progress is shown. The scripted operation a waiter
// follows is the test kit's loopback server (`scriptedServer`): the Prism mock always answers the same.

/** The Prism mock started by `pnpm mock <provider>`, unless OPSTATUS_BASE_URL points elsewhere. */
export const baseUrl = process.env.OPSTATUS_BASE_URL ?? "http://127.0.0.1:4010";

/** Prints each status transition the waiter reports. */
const logProgress = (e) => console.log(`  poll ${e.attempt} after ${e.elapsedMs} ms: ${e.vendorStatus} (${e.state})`);

/** A short wait, for the demo. */
export const fast = { minDelay: 100, maxDelay: 500, timeout: 30_000, onProgress: logProgress };
