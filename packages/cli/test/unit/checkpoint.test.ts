// --checkpoint FILE (src/checkpoint.ts): opening it before the first request, writing the resume token so that a kill
// at any moment leaves a whole token, and removing it once the operation has ended.
import * as fs from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { UsageError } from "../../src/args.js";
import { openCheckpoint, removeCheckpoint, tryWriteCheckpoint, writeCheckpoint } from "../../src/checkpoint.js";
import { usage } from "./usage.js";

// the renames, with what the file held just before each: to see that the token is never written in place
const renames = vi.hoisted(() => [] as { from: string; to: string; before: string | undefined }[]);
vi.mock("node:fs", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs")>();
  return {
    ...real,
    renameSync(from: fs.PathLike, to: fs.PathLike) {
      const before = real.existsSync(to) && real.statSync(to).isFile() ? real.readFileSync(to, "utf8") : undefined;
      renames.push({ from: String(from), to: String(to), before });
      return real.renameSync(from, to);
    },
  };
});

const dir = fs.mkdtempSync(join(tmpdir(), "opstatus-cli-checkpoint-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  renames.length = 0;
});
let n = 0;
const fresh = () => join(dir, `cp-${++n}.json`);
const leftovers = () => fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"));
const token = (fields: Record<string, unknown>) =>
  JSON.stringify({
    v: 2,
    provider: "vmware-vsphere",
    operation: "getVmGuestCustomization",
    target: "vm-42",
    ...fields,
  });

describe("openCheckpoint", () => {
  it("no file yet: a fresh wait", () => {
    expect(openCheckpoint(fresh())).toBeUndefined();
  });

  it("a token: the polls so far, when the wait started and the last status", () => {
    const file = fresh();
    const text = token({
      attempt: 5,
      startedAt: 1_700_000_000_000,
      lastStatus: "RUNNING",
      nextPollAt: 1_700_000_060_000,
    });
    fs.writeFileSync(file, `  ${text}\n\n`);
    expect(openCheckpoint(file)).toEqual({
      token: text,
      attempt: 5,
      startedAt: 1_700_000_000_000,
      lastStatus: "RUNNING",
      nextPollAt: 1_700_000_060_000,
    });
  });

  it("a token with only the attempt", () => {
    const file = fresh();
    fs.writeFileSync(file, token({ attempt: 2 }));
    const opened = openCheckpoint(file);
    expect(opened).toEqual({ token: token({ attempt: 2 }), attempt: 2 });
  });

  it("a file that holds no token is passed on as it is (the waiter names what is wrong with it)", () => {
    for (const content of ["not json at all", "", '{"v":99,"attempt":1}', '{"v":2,"attempt":"x"}']) {
      const file = fresh();
      fs.writeFileSync(file, content);
      expect(openCheckpoint(file)).toEqual({ token: content, attempt: 0 });
    }
  });

  it("a directory that is not there: a usage error naming it", () => {
    const file = join(dir, "no-such-dir", "cp.json");
    expect(usage(() => openCheckpoint(file))).toBe(
      `--checkpoint ${file}: cannot write in ${join(dir, "no-such-dir")} (no such directory, or not writable)`,
    );
  });

  it("a directory that is a file: a usage error", () => {
    const notDir = fresh();
    fs.writeFileSync(notDir, "");
    const file = join(notDir, "cp.json");
    expect(usage(() => openCheckpoint(file))).toBe(
      `--checkpoint ${file}: cannot write in ${notDir} (no such directory, or not writable)`,
    );
  });

  it("a relative name is checked in the directory it resolves to", () => {
    expect(usage(() => openCheckpoint("no-such-dir-here/cp.json"))).toBe(
      `--checkpoint no-such-dir-here/cp.json: cannot write in ${join(process.cwd(), "no-such-dir-here")} (no such directory, or not writable)`,
    );
  });

  it("a checkpoint that cannot be read: a usage error", () => {
    const file = fresh();
    fs.mkdirSync(file);
    expect(usage(() => openCheckpoint(file))).toBe(`--checkpoint ${file}: cannot read the file`);
  });
});

describe("writeCheckpoint", () => {
  it("writes the token and a newline, and it reads back", () => {
    const file = fresh();
    const text = token({ attempt: 1, lastStatus: "PENDING" });
    writeCheckpoint(file, text);
    expect(fs.readFileSync(file, "utf8")).toBe(`${text}\n`);
    expect(openCheckpoint(file)).toMatchObject({ token: text, attempt: 1, lastStatus: "PENDING" });
    expect(leftovers()).toEqual([]);
  });

  it("atomic: a temp file beside it, renamed over the old token, which is whole until then", () => {
    const file = fresh();
    writeCheckpoint(file, token({ attempt: 1 }));
    writeCheckpoint(file, token({ attempt: 2 }));
    expect(renames).toHaveLength(2);
    for (const r of renames) {
      expect(r.to).toBe(file);
      expect(r.from).not.toBe(file);
      expect(r.from.startsWith(`${file}.`)).toBe(true);
      expect(r.from.endsWith(".tmp")).toBe(true);
    }
    expect(renames[0]!.before).toBeUndefined();
    expect(renames[1]!.before).toBe(`${token({ attempt: 1 })}\n`);
    expect(fs.readFileSync(file, "utf8")).toBe(`${token({ attempt: 2 })}\n`);
    expect(leftovers()).toEqual([]);
  });

  it("a write that fails says why, names the file and leaves no temp file", () => {
    const file = join(dir, "gone", "cp.json");
    expect(() => writeCheckpoint(file, "t")).toThrow(
      expect.objectContaining({
        message: expect.stringMatching(/^--checkpoint .*cp\.json: cannot write the file \(ENOENT/),
      }),
    );
    // a rename that fails (the name is a directory) leaves the directory as it was and no temp file
    const taken = fresh();
    fs.mkdirSync(taken);
    fs.writeFileSync(join(taken, "inside"), "x");
    let error: unknown;
    try {
      writeCheckpoint(taken, "t");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(new RegExp(`^--checkpoint ${taken}: cannot write the file \\(`));
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(fs.readdirSync(taken)).toEqual(["inside"]);
    expect(leftovers()).toEqual([]);
  });
});

describe("tryWriteCheckpoint", () => {
  it("true when written, false (never a throw) when not", () => {
    const file = fresh();
    expect(tryWriteCheckpoint(file, "token-a")).toBe(true);
    expect(fs.readFileSync(file, "utf8")).toBe("token-a\n");
    expect(tryWriteCheckpoint(join(dir, "gone", "cp.json"), "token-b")).toBe(false);
    expect(leftovers()).toEqual([]);
  });
});

describe("removeCheckpoint", () => {
  it("removes the file; a file already gone is no error", () => {
    const file = fresh();
    writeCheckpoint(file, "t");
    removeCheckpoint(file);
    expect(fs.existsSync(file)).toBe(false);
    expect(() => removeCheckpoint(file)).not.toThrow();
    expect(openCheckpoint(file)).toBeUndefined();
  });
});
