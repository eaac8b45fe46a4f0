// createTlsFetch's options (@opstatus/core/node), checked before any connection: what counts as a CA, the two ways
// that exclude each other, and the one warning of the unsafe switch.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createTlsFetch } from "../src/node.js";

const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
const thrown = (run: () => unknown) => {
  try {
    const made = run() as { close(): Promise<void> };
    void made.close();
  } catch (error) {
    return (error as Error).message;
  }
  return "accepted";
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe("createTlsFetch's options", () => {
  it("take PEM text or bytes, alone or in a list, none of them empty", () => {
    expect(thrown(() => createTlsFetch({ ca: PEM }))).toBe("accepted");
    expect(thrown(() => createTlsFetch({ ca: [PEM, new TextEncoder().encode(PEM)] }))).toBe("accepted");
    const refused = "createTlsFetch: ca must be PEM text or bytes (or a list of them), and not empty";
    for (const ca of ["  ", [], [PEM, ""], [PEM, new Uint8Array(0)], [42], new Uint8Array(0)])
      expect(
        thrown(() => createTlsFetch({ ca: ca as never })),
        JSON.stringify(ca),
      ).toBe(refused);
  });

  it("take a CA or the unsafe switch, not both, and not neither", () => {
    expect(thrown(() => createTlsFetch({ ca: PEM, dangerouslyAcceptAnyCertificate: true }))).toBe(
      "createTlsFetch: pass either ca or dangerouslyAcceptAnyCertificate, not both",
    );
    expect(thrown(() => createTlsFetch(undefined as never))).toBe(
      "createTlsFetch: pass the server's CA as ca (dangerouslyAcceptAnyCertificate is the unsafe alternative)",
    );
    expect(thrown(() => createTlsFetch({ dangerouslyAcceptAnyCertificate: false } as never))).toContain(
      "pass the server's CA as ca",
    );
  });

  it("warn once per process that the unsafe switch verifies no certificate, and never for a CA", () => {
    const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
    createTlsFetch({ ca: PEM }).close();
    expect(warn).not.toHaveBeenCalled();
    createTlsFetch({ dangerouslyAcceptAnyCertificate: true }).close();
    createTlsFetch({ dangerouslyAcceptAnyCertificate: true }).close();
    expect(warn.mock.calls).toEqual([
      [
        "createTlsFetch({ dangerouslyAcceptAnyCertificate: true }) does not verify server certificates",
        { code: "OPSTATUS_TLS_UNVERIFIED" },
      ],
    ]);
  });
});
