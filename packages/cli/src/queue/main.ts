// The queue commands: `opstatus worker` (polls durable waits), `opstatus queue add|show|list|cancel` (a caller of
// the queue) and `opstatus dashboard` (bull-board). cli.ts loads this module only for them.
import { UsageError } from "../args.js";
import type { QueueIo } from "./shared.js";

export const QUEUE_COMMANDS = ["worker", "queue", "dashboard"] as const;

export async function runQueueCommand(args: readonly string[], io: QueueIo): Promise<number> {
  const [command, ...rest] = args;
  if (command === "worker") return (await import("./worker.js")).runWorker(rest, io);
  if (command === "queue") return (await import("./queue-commands.js")).runQueue(rest, io);
  if (command === "dashboard") return (await import("./dashboard.js")).runDashboard(rest, io);
  throw new UsageError(`unknown command ${command}`);
}
