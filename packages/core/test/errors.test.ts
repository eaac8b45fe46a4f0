import { describe, expect, it } from "vitest";
import { OpstatusApiError } from "../src/index.js";

const SECRET = "s3cr3t-bearer-token";
const details = {
  provider: "test-provider",
  operation: "getThing",
  status: 401,
  body: { message: `token ${SECRET} is expired`, nested: [{ echo: SECRET }] },
  rawBody: `{"message":"token ${SECRET} is expired","nested":[{"echo":"${SECRET}"}]}`,
  headers: new Headers(),
};

describe("OpstatusApiError redaction", () => {
  for (const [label, secrets] of [
    ["an array", () => [SECRET]],
    ["a Set", () => new Set([SECRET])],
    [
      "a one-shot iterable (a generator)",
      function* () {
        yield SECRET;
      },
    ],
  ] as const) {
    it(`blanks the secrets out of message, body, rawBody and vendorMessage when they come as ${label}`, () => {
      const error = new OpstatusApiError(details, secrets());
      const shown = JSON.stringify({
        message: error.message,
        body: error.body,
        rawBody: error.rawBody,
        vendorMessage: error.vendorMessage,
      });
      expect(shown).not.toContain(SECRET);
      expect(error.rawBody).toContain("[REDACTED]");
      expect(error.body).toEqual({ message: "token [REDACTED] is expired", nested: [{ echo: "[REDACTED]" }] });
      expect(error.vendorMessage).toBe("token [REDACTED] is expired");
    });
  }
});
