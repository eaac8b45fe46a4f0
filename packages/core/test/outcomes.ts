// How a call ended, for the tests' assertions: the message it threw (or "accepted"), or the error a promise rejected
// with (failing the test when it resolves).
import { expect } from "vitest";

/** The message `run` threw, or `"accepted"` when it returned. */
export function thrown(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  return "accepted";
}

/** The error `promise` rejects with; the test fails when it resolves. */
export const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail("expected an error"),
    (error: unknown) => error as any, // the tests read the fields of each error class
  );
