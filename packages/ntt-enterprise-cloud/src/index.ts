// Generated from the spec and its x-opstatus manifest (src/generated/provider.ts), but for how the waiter reads an
// answer (src/waiter.ts).
export * from "./generated/provider.js";
export { NOT_LISTED, type OperationTarget } from "./waiter.js";
