// Generated from the spec and its x-opstatus manifest (src/generated/provider.ts), but for the waiter (src/waiter.ts).
export * from "./generated/provider.js";
export { NOT_LISTED, waitForOperation, type OperationTarget } from "./waiter.js";
