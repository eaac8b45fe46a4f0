// @opstatus/core/internal: the building blocks provider packages (and their generated code), the CLI and the queue
// are made of. Not for applications: outside semver, it may change in any release. It exports only what those
// import (a test fails on a name nothing outside core imports).
export { apiKeyScheme, basicScheme, bearerScheme } from "./auth.js";
export { createApiClient, requestAt } from "./client.js";
export { loginServerUrl } from "./urls.js";
export type { ApiClient, ErrorBody, SuccessBody } from "./client.js";
export type { SpecFacts } from "./facts.js";
export type { SessionHost } from "./session.js";
export { openapiClient } from "./openapi-client.js";
export { defineWaiter, lookupState, statusField } from "./define-waiter.js";
export { readWaitToken } from "./wait-state.js";
export { Redactor } from "./redact.js";
export { checkOptions, dueAt } from "./schedule.js";
export { errorFields, rebuildError } from "./error-fields.js";
export type { OpstatusErrorFields } from "./error-fields.js";
