import { fakeFetch, json } from "@opstatus/tools/test-kit";
import { describeLogin } from "@opstatus/tools/test-kit/login-suite";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as module from "../src/index.js";
import { createIdentityGovernanceClient } from "../src/index.js";

describeLogin("oracle-identity-governance", module);

// Oracle's token-service page: Content-Type is "Required for POST and PUT requests", and every example sends
// application/json, although neither sends a body
describe("the OIG token service's headers", () => {
  afterEach(() => vi.useRealTimers());

  it("sends Content-Type: application/json and X-Requested-By on the log-in (POST) and the refresh (PUT)", async () => {
    const now = Date.now();
    vi.useFakeTimers({ now, toFake: ["Date"] });
    const { fetch, requests } = fakeFetch((request) =>
      request.url.includes("/token/")
        ? json(200, { accessToken: `jwt-${requests.length}`, expiresIn: "60", tokenType: "Bearer" })
        : json(200, { id: "2029", reqStatus: "Request Completed" }),
    );
    const client = createIdentityGovernanceClient({
      baseUrl: "https://oig.test",
      auth: { username: "xelsysadm", password: "pw-1" },
      fetch,
    });
    await client.getRequest("2029");
    vi.setSystemTime(now + 57_000); // inside the renewal margin: a refresh
    await client.getRequest("2029");
    const token = requests.filter((r) => r.url.includes("/token/"));
    expect(token.map((r) => r.method)).toEqual(["POST", "PUT"]);
    for (const request of token) {
      expect(request.headers.get("content-type")).toBe("application/json");
      expect(request.headers.get("x-requested-by")).toBeTruthy();
    }
  });
});
