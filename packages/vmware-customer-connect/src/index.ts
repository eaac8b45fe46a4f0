// Everything is generated from the spec and its x-opstatus manifest (see src/generated/provider.ts).
export * from "./generated/provider.js";
