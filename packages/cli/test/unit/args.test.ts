// The command line from src/args.ts, without a subprocess: what each form of `opstatus ...` becomes, and what each
// mistake says.
import { describe, expect, it } from "vitest";
import {
  findProvider,
  ownOptions,
  parseCommandLine,
  parseDuration,
  providerOptions,
  serverOptionsOf,
  UsageError,
} from "../../src/args.js";
import { providers } from "../../src/generated/providers.js";
import type { ProviderInfo } from "../../src/provider-info.js";

const parse = (...args: string[]) => parseCommandLine(args);
/** The usage error `args` make: its message (it fails the test when there is none). */
function usage(...args: string[]): string {
  try {
    parseCommandLine(args);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).name).toBe("UsageError");
    return (error as Error).message;
  }
  throw new Error(`no usage error for ${args.join(" ")}`);
}
const ALL = providers.map((p) => p.name).join(", ");

describe("commands", () => {
  it("no arguments: a usage error that lists the commands", () => {
    expect(usage()).toBe("give a command: providers, get or wait");
  });

  it("an unknown command names itself and the commands", () => {
    expect(usage("status")).toBe('unknown command "status"; the commands are providers, get, wait, help');
  });

  it("providers takes no arguments", () => {
    const line = parse("providers");
    expect(line.command).toBe("providers");
    expect(line.help).toBe(false);
    expect(line.output).toBe("text");
    expect(usage("providers", "x", "y")).toBe('providers takes no arguments (got "x" "y")');
  });

  it("providers -o json", () => {
    expect(parse("providers", "-o", "json").output).toBe("json");
  });

  it("the defaults of a get", () => {
    const line = parse("get", "vmware-vsphere", "vm-42");
    expect(line).toMatchObject({
      command: "get",
      help: false,
      target: "vm-42",
      targetText: "vm-42",
      serverVariables: {},
      loginServer: {},
      output: "text",
      quiet: false,
      insecureHttp: false,
      basic: false,
    });
    expect(line.provider?.name).toBe("vmware-vsphere");
    for (const key of [
      "timeout",
      "minDelay",
      "maxDelay",
      "unknownStatus",
      "checkpoint",
      "ca",
      "credentials",
      "baseUrl",
    ])
      expect(line).not.toHaveProperty(key);
  });
});

describe("help and version", () => {
  it("--help and -h alone: the main help", () => {
    for (const flag of ["--help", "-h"]) {
      const line = parse(flag);
      expect(line.command).toBe("help");
      expect(line.help).toBe(true);
      expect(line.helpTopic).toBeUndefined();
    }
  });

  it("help <command> and <command> --help name the topic", () => {
    expect(parse("help", "wait")).toMatchObject({ command: "help", help: true, helpTopic: "wait" });
    expect(parse("help")).toMatchObject({ command: "help", help: true });
    expect(parse("help")).not.toHaveProperty("helpTopic");
    expect(parse("wait", "--help")).toMatchObject({ command: "wait", help: true, helpTopic: "wait" });
    expect(parse("get", "-h")).toMatchObject({ command: "get", help: true, helpTopic: "get" });
    expect(parse("providers", "--help")).toMatchObject({ command: "providers", help: true, helpTopic: "providers" });
  });

  it("--help needs no provider nor target", () => {
    expect(() => parse("wait", "--help")).not.toThrow();
    expect(() => parse("get", "vmware-vsphere", "--help")).not.toThrow();
  });

  it("--version and -V, with or without a command", () => {
    expect(parse("--version").command).toBe("version");
    expect(parse("-V").command).toBe("version");
    expect(parse("wait", "--version").command).toBe("version");
    expect(parse("bogus", "-V").command).toBe("version");
  });

  it("an unknown command is an error even with --help", () => {
    expect(usage("bogus", "--help")).toMatch(/^unknown command "bogus"/);
  });
});

describe("provider and target", () => {
  it("get and wait need a provider, and say which there are", () => {
    expect(usage("get")).toBe(`get needs a provider: opstatus get <provider> <target>; the providers are ${ALL}`);
    expect(usage("wait")).toBe(`wait needs a provider: opstatus wait <provider> <target>; the providers are ${ALL}`);
  });

  it("an unknown provider is named with the providers there are", () => {
    expect(usage("wait", "vmware", "vm-1")).toBe(`unknown provider "vmware"; the providers are ${ALL}`);
    expect(() => findProvider("nope")).toThrow(UsageError);
    expect(findProvider("vmware-vsphere").name).toBe("vmware-vsphere");
  });

  it("a missing target names its form and the example", () => {
    expect(usage("wait", "vmware-vsphere")).toBe("wait vmware-vsphere needs a target: <vm> (e.g. vm-42)");
    expect(usage("get", "ntt-enterprise-cloud")).toBe(
      "get ntt-enterprise-cloud needs a target: <operationId> or --resource <id> (e.g. 75aab8db-8632-42b4-af2f-06b5820798ef)",
    );
  });

  it("too many arguments", () => {
    expect(usage("wait", "vmware-vsphere", "vm-1", "vm-2", "vm-3")).toBe('too many arguments: "vm-2" "vm-3"');
  });

  it("an empty or blank target is refused", () => {
    expect(usage("wait", "vmware-vsphere", "")).toBe("the target of vmware-vsphere is empty");
    expect(usage("wait", "vmware-vsphere", "  ")).toBe("the target of vmware-vsphere is empty");
    expect(usage("wait", "ntt-enterprise-cloud", "--resource", " ")).toBe(
      "the target of ntt-enterprise-cloud is empty",
    );
  });

  it("a provider whose target is an object gets { [name]: id }", () => {
    const line = parse("wait", "ntt-enterprise-cloud", "op-1");
    expect(line.target).toEqual({ operationId: "op-1" });
    expect(line.targetText).toBe("op-1");
  });

  it("a target alternative: { key: id }, shown as key=id", () => {
    const line = parse("wait", "ntt-enterprise-cloud", "--resource", "vna-7");
    expect(line.target).toEqual({ resourceId: "vna-7" });
    expect(line.targetText).toBe("resourceId=vna-7");
  });

  it("the id and an alternative together: one target only", () => {
    expect(usage("wait", "ntt-enterprise-cloud", "op-1", "--resource", "vna-7")).toBe(
      "give one target: <operationId> or --resource <id>",
    );
  });

  it("an alternative of another provider is refused, naming whose it is", () => {
    expect(usage("wait", "vmware-vsphere", "--resource", "x")).toBe(
      "--resource is not an option of vmware-vsphere (it is ntt-enterprise-cloud's); vmware-vsphere takes --api-host, --base-url",
    );
  });

  it("every provider takes its example as a target", () => {
    for (const p of providers) {
      const line = parse("wait", p.name, p.target.example);
      expect(line.provider).toBe(p);
      expect(line.targetText).toBe(p.target.example);
      expect(line.target).toEqual(p.target.object ? { [p.target.name]: p.target.example } : p.target.example);
    }
  });
});

describe("server options from the generated data", () => {
  it("a server variable goes to serverVariables under its name", () => {
    expect(parse("wait", "vmware-vsphere", "vm-1", "--api-host", "vc01:8443").serverVariables).toEqual({
      api_host: "vc01:8443",
    });
    expect(
      parse("wait", "oracle-identity-governance", "1", "--scheme", "http", "--host", "oig", "--port", "14000")
        .serverVariables,
    ).toEqual({ scheme: "http", host: "oig", port: "14000" });
  });

  it("an enum variable takes only its values", () => {
    expect(usage("wait", "oracle-identity-governance", "1", "--scheme", "ftp")).toBe(
      '--scheme takes http, https, not "ftp"',
    );
    expect(usage("wait", "ntt-enterprise-cloud", "op", "--region", "mars1")).toBe(
      '--region takes jp1, jp2, us1, uk1, sg1, au1, hk1, de1, not "mars1"',
    );
    expect(parse("wait", "ntt-enterprise-cloud", "op", "--region", "uk1").serverVariables).toEqual({ region: "uk1" });
  });

  it("another provider's server option is refused, naming the owners and this provider's options", () => {
    expect(usage("wait", "vmware-customer-connect", "r1", "--region", "jp1")).toBe(
      "--region is not an option of vmware-customer-connect (it is ntt-enterprise-cloud's); vmware-customer-connect takes --api-host, --base-url",
    );
    // --host is shared by two providers: both are named
    expect(usage("wait", "vmware-vsphere", "vm-1", "--host", "h")).toBe(
      "--host is not an option of vmware-vsphere (it is oracle-identity-governance, oracle-primavera-admin's); vmware-vsphere takes --api-host, --base-url",
    );
    expect(usage("wait", "oracle-primavera-admin", "1", "--keystone-region", "jp1")).toBe(
      "--keystone-region is not an option of oracle-primavera-admin (it is ntt-enterprise-cloud's); oracle-primavera-admin takes --host, --base-url",
    );
  });

  it("--base-url alone, or server variables, never both", () => {
    expect(parse("wait", "vmware-vsphere", "vm-1", "--base-url", "http://127.0.0.1:1").baseUrl).toBe(
      "http://127.0.0.1:1",
    );
    expect(usage("wait", "vmware-vsphere", "vm-1", "--base-url", "http://x", "--api-host", "y")).toBe(
      "give --base-url or --api-host, not both",
    );
    expect(usage("wait", "ntt-enterprise-cloud", "op", "--base-url", "http://x", "--region", "jp1")).toBe(
      "give --base-url or --api-endpoint, --region, not both",
    );
  });

  it("the log-in server's options go to loginServer; an enum takes only its values", () => {
    const line = parse(
      "wait",
      "ntt-enterprise-cloud",
      "op",
      "--keystone-region",
      "de1",
      "--keystone-url",
      "https://keystone.test",
    );
    expect(line.loginServer).toEqual({ keystoneRegion: "de1", keystoneUrl: "https://keystone.test" });
    expect(line.serverVariables).toEqual({});
    expect(usage("wait", "ntt-enterprise-cloud", "op", "--keystone-region", "xx9")).toBe(
      '--keystone-region takes jp1, jp2, us1, uk1, sg1, au1, hk1, de1, not "xx9"',
    );
  });

  it("--base-url goes with the log-in server's options", () => {
    const line = parse("wait", "ntt-enterprise-cloud", "op", "--base-url", "http://x", "--keystone-region", "jp2");
    expect(line.baseUrl).toBe("http://x");
    expect(line.loginServer).toEqual({ keystoneRegion: "jp2" });
  });
});

describe("serverOptionsOf and providerOptions", () => {
  it("serverOptionsOf lists server variables then log-in server options, each once", () => {
    const of = (name: string) => serverOptionsOf(findProvider(name));
    expect(of("vmware-vsphere")).toEqual(["--api-host"]);
    expect(of("oracle-identity-governance")).toEqual(["--scheme", "--host", "--port"]);
    expect(of("ntt-enterprise-cloud")).toEqual(["--api-endpoint", "--region", "--keystone-url", "--keystone-region"]);
    // no target alternative among them
    expect(of("ntt-enterprise-cloud")).not.toContain("--resource");
  });

  it("providerOptions maps each option to the providers that take it", () => {
    const map = providerOptions();
    const names = (option: string) => map.get(option)?.map((p) => p.name);
    expect(names("host")).toEqual(["oracle-identity-governance", "oracle-primavera-admin"]);
    expect(names("api-host")).toEqual(["vmware-customer-connect", "vmware-vsphere"]);
    expect(names("resource")).toEqual(["ntt-enterprise-cloud"]);
    expect(names("keystone-region")).toEqual(["ntt-enterprise-cloud"]);
    for (const own of Object.keys(ownOptions)) expect(map.has(own)).toBe(false);
  });

  it("a provider option named like one of the CLI's own options is a programming error", () => {
    const base = findProvider("vmware-vsphere");
    const clash: ProviderInfo = {
      ...base,
      name: "clash",
      servers: [{ url: "https://{t}", variables: [{ name: "t", option: "timeout", default: "x", description: "" }] }],
    };
    expect(() => providerOptions([clash])).toThrow(
      "clash: --timeout is one of the CLI's own options; a provider option cannot take its name",
    );
    const alt: ProviderInfo = {
      ...base,
      name: "alt",
      target: { ...base.target, alternatives: [{ key: "k", option: "output", description: "" }] },
    };
    expect(() => providerOptions([alt])).toThrow("alt: --output is one of the CLI's own options");
    const login: ProviderInfo = {
      ...base,
      name: "login",
      login: { ...base.login!, serverOptions: [{ name: "q", option: "quiet", value: "Q" }] },
    };
    expect(() => providerOptions([login])).toThrow("login: --quiet is one of the CLI's own options");
  });

  it("a provider that names one option twice is listed once", () => {
    const base = findProvider("oracle-identity-governance");
    const twice: ProviderInfo = {
      ...base,
      servers: [
        { url: "https://{host}", variables: [{ name: "host", option: "host", default: "a", description: "" }] },
        { url: "http://{host}", variables: [{ name: "host", option: "host", default: "a", description: "" }] },
      ],
    };
    expect(providerOptions([twice]).get("host")).toEqual([twice]);
  });
});

describe("durations", () => {
  it("every unit, in milliseconds", () => {
    expect(parseDuration("500ms", "timeout")).toBe(500);
    expect(parseDuration("90s", "timeout")).toBe(90_000);
    expect(parseDuration("15m", "timeout")).toBe(900_000);
    expect(parseDuration("2h", "timeout")).toBe(7_200_000);
    expect(parseDuration("7d", "timeout")).toBe(604_800_000);
    expect(parseDuration("1d", "timeout")).toBe(86_400_000);
  });

  it("compound durations add up", () => {
    expect(parseDuration("1h30m", "timeout")).toBe(5_400_000);
    expect(parseDuration("1m30.5s", "timeout")).toBe(90_500);
    expect(parseDuration("1d2h3m4s5ms", "timeout")).toBe(86_400_000 + 7_200_000 + 180_000 + 4000 + 5);
    expect(parseDuration("2m2m", "timeout")).toBe(240_000);
  });

  it("fractions, rounded to a millisecond; surrounding blanks are ignored", () => {
    expect(parseDuration("1.5s", "timeout")).toBe(1500);
    expect(parseDuration("0.5ms", "timeout")).toBe(1);
    expect(parseDuration(" 2s ", "timeout")).toBe(2000);
  });

  it("a bad duration names the option and the forms", () => {
    for (const bad of [
      "",
      " ",
      "10",
      "s",
      "10x",
      "1h30",
      "ten s",
      "-5s",
      "1 h",
      "1.s",
      "5sec",
      "1h 30m",
      "1e3ms",
      "h1",
    ])
      expect(() => parseDuration(bad, "min-delay")).toThrow(
        new UsageError(
          `--min-delay takes a duration such as 500ms, 90s, 15m, 2h, 7d or 1h30m, not ${JSON.stringify(bad)}`,
        ),
      );
  });

  it("0 is refused", () => {
    for (const zero of ["0s", "0ms", "0h0m", "0.0d"])
      expect(() => parseDuration(zero, "timeout")).toThrow(
        new UsageError(`--timeout must be more than 0, not ${JSON.stringify(zero)}`),
      );
  });

  // a duration above 0 that rounds to 0 ms was returned as 0; the waiter then threw its own error, naming no option
  it("a duration that rounds to 0 ms is refused like 0", () => {
    expect(() => parseDuration("0.0004s", "timeout")).toThrow(
      new UsageError('--timeout must be more than 0, not "0.0004s"'),
    );
  });

  it("a duration too large to be a number is refused", () => {
    expect(() => parseDuration(`${"9".repeat(400)}d`, "timeout")).toThrow(/--timeout must be more than 0/);
  });

  it("--timeout, --min-delay and --max-delay on the command line", () => {
    const line = parse(
      "wait",
      "vmware-vsphere",
      "vm-1",
      "--timeout",
      "1h30m",
      "--min-delay",
      "2s",
      "--max-delay",
      "1d",
    );
    expect(line).toMatchObject({ timeout: 5_400_000, minDelay: 2000, maxDelay: 86_400_000 });
    expect(usage("wait", "vmware-vsphere", "vm-1", "--timeout", "0s")).toBe('--timeout must be more than 0, not "0s"');
    expect(usage("wait", "vmware-vsphere", "vm-1", "--max-delay", "soon")).toBe(
      '--max-delay takes a duration such as 500ms, 90s, 15m, 2h, 7d or 1h30m, not "soon"',
    );
    expect(usage("wait", "vmware-vsphere", "vm-1", "--min-delay", "5")).toMatch(/^--min-delay takes a duration/);
    expect(parse("get", "vmware-vsphere", "vm-1", "--timeout", "30s").timeout).toBe(30_000);
  });
});

describe("options", () => {
  it("--output takes text, json or ndjson", () => {
    expect(parse("wait", "vmware-vsphere", "vm-1", "--output", "json").output).toBe("json");
    expect(parse("wait", "vmware-vsphere", "vm-1", "-o", "ndjson").output).toBe("ndjson");
    expect(parse("wait", "vmware-vsphere", "vm-1", "-o", "text").output).toBe("text");
    expect(parse("wait", "vmware-vsphere", "vm-1", "--output=json").output).toBe("json");
    expect(usage("wait", "vmware-vsphere", "vm-1", "-o", "yaml")).toBe(
      '--output takes text, json or ndjson, not "yaml"',
    );
    expect(usage("-o", "xml", "--version")).toBe('--output takes text, json or ndjson, not "xml"');
  });

  it("--output with no value", () => {
    expect(usage("wait", "vmware-vsphere", "vm-1", "--output")).toBe("--output needs a value");
    expect(usage("wait", "vmware-vsphere", "vm-1", "-o")).toBe("--output needs a value");
    expect(usage("wait", "vmware-vsphere", "vm-1", "--timeout")).toBe("--timeout needs a value");
    expect(usage("wait", "vmware-vsphere", "vm-1", "--api-host")).toBe("--api-host needs a value");
  });

  it("a boolean option given a value", () => {
    expect(usage("wait", "vmware-vsphere", "vm-1", "--quiet=yes")).toBe("--quiet takes no value");
  });

  it("--quiet and -q", () => {
    expect(parse("wait", "vmware-vsphere", "vm-1", "--quiet").quiet).toBe(true);
    expect(parse("wait", "vmware-vsphere", "vm-1", "-q").quiet).toBe(true);
  });

  it("--basic, --insecure-http, --ca and --credentials are carried as given", () => {
    const line = parse(
      "wait",
      "oracle-primavera-admin",
      "1",
      "--basic",
      "--insecure-http",
      "--ca",
      "ca.pem",
      "--credentials",
      "creds.json",
    );
    expect(line).toMatchObject({ basic: true, insecureHttp: true, ca: "ca.pem", credentials: "creds.json" });
  });

  it("--unknown-status takes fail or wait, for wait only", () => {
    expect(parse("wait", "vmware-vsphere", "vm-1", "--unknown-status", "wait").unknownStatus).toBe("wait");
    expect(parse("wait", "vmware-vsphere", "vm-1", "--unknown-status", "fail").unknownStatus).toBe("fail");
    expect(usage("wait", "vmware-vsphere", "vm-1", "--unknown-status", "ignore")).toBe(
      '--unknown-status takes fail or wait, not "ignore"',
    );
    expect(usage("get", "vmware-vsphere", "vm-1", "--unknown-status", "wait")).toBe(
      "--unknown-status is for wait only",
    );
  });

  it("--min-delay and --max-delay are for wait only", () => {
    expect(usage("get", "vmware-vsphere", "vm-1", "--min-delay", "1s")).toBe("--min-delay is for wait only");
    expect(usage("get", "vmware-vsphere", "vm-1", "--max-delay", "1s")).toBe("--max-delay is for wait only");
  });

  it("--checkpoint is for wait only, and needs a file name", () => {
    expect(parse("wait", "vmware-vsphere", "vm-1", "--checkpoint", "cp.json").checkpoint).toBe("cp.json");
    expect(usage("get", "vmware-vsphere", "vm-1", "--checkpoint", "cp.json")).toBe("--checkpoint is for wait only");
    expect(usage("wait", "vmware-vsphere", "vm-1", "--checkpoint", "")).toBe("--checkpoint needs a file name");
    expect(usage("wait", "vmware-vsphere", "vm-1", "--checkpoint")).toBe("--checkpoint needs a value");
  });

  it("options may come before the command", () => {
    const line = parse("-q", "--timeout", "5m", "wait", "vmware-vsphere", "vm-1");
    expect(line).toMatchObject({ command: "wait", quiet: true, timeout: 300_000 });
  });
});

describe("unknown options", () => {
  it("an unknown option is named", () => {
    expect(usage("wait", "vmware-vsphere", "vm-1", "--colour")).toBe("unknown option --colour");
    expect(usage("wait", "vmware-vsphere", "vm-1", "-x")).toBe("unknown option -x");
  });

  it("a credential-looking option is refused with a pointer to the environment variables", () => {
    const pointer =
      "credentials are never taken on the command line (ps and the shell history would show them); set OPSTATUS_TOKEN, OPSTATUS_USERNAME and OPSTATUS_PASSWORD, ... (see `opstatus providers`), or pass --credentials FILE";
    for (const option of [
      "--token",
      "--password",
      "--passwd",
      "--api-secret",
      "--username",
      "--user",
      "--api-key",
      "--apikey",
      "--tenant-id",
      "--session-id",
      "--credential",
      "--auth",
      "--bearer",
      "--basic-auth",
      "--Password",
    ])
      expect(usage("wait", "vmware-vsphere", "vm-1", option, "s3cret")).toBe(`unknown option ${option}: ${pointer}`);
  });

  it("the secret given with = is never repeated", () => {
    const message = usage("wait", "vmware-vsphere", "vm-1", "--password=hunter2-secret");
    expect(message).toMatch(/^unknown option --password: credentials are never taken on the command line/);
    expect(message).not.toContain("hunter2");
  });
});
