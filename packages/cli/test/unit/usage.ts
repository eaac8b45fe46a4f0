// The unit tests' check of a usage error: the message of the UsageError `run` throws (the test fails without one).
import { expect } from "vitest";
import { UsageError } from "../../src/args.js";

export function usage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error("no usage error");
}
