// Every URL a client builds (core's URL module): the base URL and its checks, server variables, the log-in's own
// server, the path and the query.
import { describe, expect, it } from "vitest";
import type { SpecFacts } from "../src/facts.js";
import { checkedUrl, expandPath, loginServerUrl, queryString, resolveBaseUrl, serverUrl } from "../src/urls.js";
import { thrown } from "./outcomes.js";

const scope = { provider: "test-provider", operation: "createClient" };

describe("checkedUrl", () => {
  it("refuses credentials in the URL and schemes other than http(s), showing no more than scheme and host", () => {
    expect(thrown(() => checkedUrl(scope, "https://admin:pw@api.test/", false))).toBe(
      'test-provider createClient: "https://api.test" is not an http(s) URL without credentials',
    );
    expect(thrown(() => checkedUrl(scope, "https://admin@api.test/", false))).toContain("without credentials");
    expect(thrown(() => checkedUrl(scope, "ftp://api.test/", false))).toBe(
      'test-provider createClient: "ftp://api.test" is not an http(s) URL without credentials',
    );
    expect(thrown(() => checkedUrl(scope, "xhttps://api.test/", false))).toContain("without credentials");
    expect(thrown(() => checkedUrl(scope, "not a url pw", false))).toBe(
      "test-provider createClient: the URL given is not an http(s) URL without credentials",
    );
  });

  it("refuses cleartext http beyond loopback unless allowed, naming the host; cuts trailing slashes", () => {
    expect(thrown(() => checkedUrl(scope, "http://api.test:8080/x", false))).toBe(
      "test-provider createClient: no credentials over plain http to api.test:8080: use https, or allowInsecureHttp: true on a trusted network",
    );
    expect(checkedUrl(scope, "http://api.test/x//", true)).toBe("http://api.test/x");
    for (const host of ["localhost", "127.0.0.1", "127.1.2.3", "[::1]"])
      expect(checkedUrl(scope, `http://${host}:8080/`, false)).toBe(`http://${host}:8080`);
    for (const host of ["localhost.test", "localhostx", "evillocalhost", "127.0.0.1.test", "[::2]"])
      expect(
        thrown(() => checkedUrl(scope, `http://${host}/`, false)),
        host,
      ).toContain("no credentials over plain http");
  });
});

describe("server URLs", () => {
  const server = {
    url: "https://{region}.api.test/{base}",
    variables: { region: { default: "eu", enum: ["eu", "us"] }, base: { default: "v1" } },
  };

  it("fills variables from those given, else the spec's defaults; refuses values off the enum or host-breaking", () => {
    expect(serverUrl(scope, server, {})).toBe("https://eu.api.test/v1");
    expect(serverUrl(scope, server, { region: "us", base: "v2" })).toBe("https://us.api.test/v2");
    expect(thrown(() => serverUrl(scope, server, { region: "ap" }))).toBe(
      "test-provider createClient: server variable region must be one of eu, us",
    );
    for (const base of ["a/b", "a?b", "a#b", "a@b", "a b", ""])
      expect(
        thrown(() => serverUrl(scope, server, { base })),
        base,
      ).toBe("test-provider createClient: bad server variable base");
    expect(thrown(() => serverUrl(scope, { url: "https://{host}", variables: {} }, {}))).toBe(
      "test-provider createClient: bad server variable host",
    );
  });

  it("takes the first server whose variables cover those given", () => {
    const facts = {
      provider: "test-provider",
      servers: [server, { url: "https://{tenant}.other.test", variables: { tenant: {} } }],
    } as unknown as SpecFacts;
    expect(resolveBaseUrl(facts, {})).toBe("https://eu.api.test/v1");
    expect(resolveBaseUrl(facts, { serverVariables: { tenant: "acme" } })).toBe("https://acme.other.test");
    expect(thrown(() => resolveBaseUrl(facts, { serverVariables: { nope: "x" } }))).toBe(
      "test-provider createClient: no server takes nope",
    );
    expect(resolveBaseUrl(facts, { baseUrl: "https://mine.test/" })).toBe("https://mine.test");
  });
});

describe("the log-in's own server", () => {
  const facts = {
    provider: "test-provider",
    servers: [],
    loginServer: {
      url: "https://id-{region}.test/v3",
      variables: { region: {} },
      option: "identityUrl",
      variableOptions: { region: "identityRegion" },
      from: { region: "^https://api-([a-z0-9]+)\\.test" },
      pathPrefix: "/v3",
    },
  } as unknown as SpecFacts;

  it("takes its URL option, cut of the path its operations start with", () => {
    expect(loginServerUrl(scope, facts, { identityUrl: "https://id.test/v3" }, "https://api-eu.test")).toBe(
      "https://id.test",
    );
    expect(loginServerUrl(scope, facts, { identityUrl: "https://id.test/keystone" }, "https://api-eu.test")).toBe(
      "https://id.test/keystone",
    );
    expect(
      thrown(() => loginServerUrl(scope, facts, { identityUrl: "http://id.test" }, "https://api-eu.test")),
    ).toContain("no credentials over plain http");
  });

  it("fills its template from its own option, serverVariables, or the API's base URL; else refuses", () => {
    const at = (options: Record<string, unknown>, base = "https://api-eu.test") =>
      loginServerUrl(scope, facts, options, base);
    expect(at({ identityRegion: "us" })).toBe("https://id-us.test/v3");
    expect(at({ serverVariables: { region: "ap" } })).toBe("https://id-ap.test/v3");
    expect(at({})).toBe("https://id-eu.test/v3");
    expect(thrown(() => at({}, "https://elsewhere.test"))).toBe(
      "test-provider createClient: no region for the log-in's server: give identityUrl or identityRegion",
    );
  });
});

describe("paths and queries", () => {
  it("percent-encodes each path value into its segment and refuses empty, . and ..", () => {
    expect(expandPath(scope, "/a/{id}/b/{n}", { id: "x/y?z", n: 3 })).toBe("/a/x%2Fy%3Fz/b/3");
    for (const id of ["", ".", "..", undefined])
      expect(
        thrown(() => expandPath(scope, "/a/{id}", { id })),
        String(id),
      ).toBe(`test-provider createClient: id is "${id ?? ""}"`);
    expect(thrown(() => expandPath(scope, "/a/{id}", undefined))).toBe('test-provider createClient: id is ""');
  });

  it("writes the query in form style: arrays comma-separated, undefined left out, names and values encoded", () => {
    expect(queryString({ a: 1, b: undefined, "c d": ["x y", "z&"], e: null })).toBe("a=1&c%20d=x%20y,z%26&e=null");
    expect(queryString(undefined)).toBe("");
  });
});
