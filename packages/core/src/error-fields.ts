// An error as plain data and back: what a queue stores when a wait ends badly in one process, so that another
// process gets the same class with the same fields and message.
import {
  OpstatusApiError,
  OpstatusAuthError,
  type OpstatusError,
  OpstatusNetworkError,
  OpstatusRequestError,
  type OpstatusErrorCode,
} from "./errors.js";
import { isOpstatusError } from "./guard.js";
import * as waitErrors from "./wait-errors.js";

/** An opstatus error as JSON-safe data: its `code`, scope and message, and the fields of its class. */
export interface OpstatusErrorFields {
  code: OpstatusErrorCode;
  name: string;
  provider: string;
  operation: string;
  /** The whole message (`<provider> <operation>: ...`). */
  message: string;
  [field: string]: unknown;
}

/** The error's own fields as data (headers as an object; the cause's message only); undefined for any other error. */
export function errorFields(error: unknown): OpstatusErrorFields | undefined {
  if (!isOpstatusError(error)) return undefined;
  const fields: OpstatusErrorFields = JSON.parse(JSON.stringify({ ...error }));
  fields.message = error.message;
  if (error instanceof Error && error.cause instanceof Error) fields.cause = error.cause.message;
  if (isOpstatusError(error, "api")) fields.headers = Object.fromEntries(error.headers);
  return fields;
}

const CLASSES = {
  request: OpstatusRequestError,
  network: OpstatusNetworkError,
  api: OpstatusApiError,
  auth: OpstatusAuthError,
  timeout: waitErrors.OpstatusTimeoutError,
  aborted: waitErrors.OpstatusAbortError,
  "operation-failed": waitErrors.OpstatusOperationFailedError,
  "unknown-status": waitErrors.OpstatusUnknownStatusError,
} as const;

/**
 * The error `fields` describe, rebuilt as its class (`ApiError`, a provider's subclass, for `"api"`), with the same
 * message; a cause comes back as its message only.
 */
export function rebuildError(
  fields: OpstatusErrorFields,
  ApiError: new (details: never) => OpstatusApiError = OpstatusApiError,
): OpstatusError {
  const Class = (fields.code === "api" ? ApiError : CLASSES[fields.code]) as new (details: object) => OpstatusError;
  // Stryker disable next-line StringLiteral: the message is replaced by fields.message right after construction (V8 formats the stack lazily, from the replaced one)
  const prefix = `${fields.provider} ${fields.operation}: `;
  // Stryker disable next-line MethodExpression: the message is replaced by fields.message right after construction (V8 formats the stack lazily, from the replaced one)
  const message = fields.message.startsWith(prefix) ? fields.message.slice(prefix.length) : fields.message;
  const error = new Class({
    ...fields,
    message,
    cause: fields.cause === undefined ? undefined : new Error(String(fields.cause)),
  });
  // the message as it was: the classes that build theirs from their fields give the same text, the others take it
  Object.defineProperty(error, "message", { value: fields.message, writable: true, configurable: true });
  // Stryker disable next-line ConditionalExpression: setting the name an error already has changes nothing
  if (fields.name !== error.name && fields.code === "aborted") error.name = fields.name;
  return error;
}
