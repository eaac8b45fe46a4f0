// The tests' Redis is Debian's redis-server, started by the test kit; without it the tests fail and say how to
// install it (they never skip).
import { findRedisServer, startRedis } from "@opstatus/tools/test-kit/redis";
import { afterEach, describe, expect, it } from "vitest";

const given = process.env.REDIS_SERVER_PATH;
afterEach(() => {
  if (given === undefined) delete process.env.REDIS_SERVER_PATH;
  else process.env.REDIS_SERVER_PATH = given;
});

describe("the test kit's redis-server", () => {
  it("is found on this machine", () => {
    expect(findRedisServer()).toEqual({ path: expect.stringMatching(/redis-server$/) });
  });

  it("when missing, fails and says how to install it", async () => {
    process.env.REDIS_SERVER_PATH = "/nonexistent/redis-server";
    await expect(startRedis()).rejects.toThrow(
      "redis-server not found (REDIS_SERVER_PATH=/nonexistent/redis-server): install Debian's package (`apt-get update && apt-get install -y redis-server`) or set REDIS_SERVER_PATH",
    );
  });
});
