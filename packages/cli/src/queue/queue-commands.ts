// WIP: written next.
import type { QueueIo } from "./main.js";

export async function runQueue(_args: readonly string[], _io: QueueIo): Promise<number> {
  throw new Error("not written yet");
}
