#!/usr/bin/env node
// `opstatus`: get the status of an asynchronous operation, or wait for it, at any provider of the opstatus clients.
// Start-up is kept short: this module loads only Node's own modules and the provider data; the provider package is
// imported when the command needs it.
import { version } from "../package.json" with { type: "json" };
import { type CommandLine, parseCommandLine, UsageError } from "./args.js";
import { commandHelp, mainHelp, providersJson, providersText } from "./help.js";
import { EXIT, runCommand } from "./run.js";

async function main(args: readonly string[]): Promise<number> {
  // a reader that went away (`opstatus providers | head -1`) is no reason to crash: the command still ends properly
  for (const stream of [process.stdout, process.stderr]) stream.on("error", () => undefined);
  // the durable-wait commands: their own module, loaded only for them
  if (args[0] === "worker" || args[0] === "queue" || args[0] === "dashboard") {
    try {
      const { runQueueCommand } = await import("./queue/main.js");
      return await runQueueCommand(args, { stdout: process.stdout, stderr: process.stderr, env: process.env, version });
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      process.stderr.write(`opstatus: ${error.message}\nRun \`opstatus ${args[0]} --help\` for usage.\n`);
      return EXIT.usage;
    }
  }
  let line: CommandLine;
  try {
    line = parseCommandLine(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`opstatus: ${error.message}\nRun \`opstatus --help\` for usage.\n`);
    return EXIT.usage;
  }
  if (line.command === "version") {
    process.stdout.write(`${version}\n`);
    return EXIT.succeeded;
  }
  if (line.help) {
    process.stdout.write(line.helpTopic ? commandHelp(line.helpTopic) : mainHelp());
    return EXIT.succeeded;
  }
  if (line.command === "providers") {
    process.stdout.write(
      line.output === "text"
        ? providersText()
        : `${JSON.stringify(providersJson(), null, line.output === "json" ? 2 : undefined)}\n`,
    );
    return EXIT.succeeded;
  }
  return runCommand(line, { stdout: process.stdout, stderr: process.stderr, env: process.env, version });
}

/** Exits once stdout and stderr have taken everything written (a pipe may still hold a large JSON object). */
const exit = (code: number) =>
  Promise.all(
    [process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write("", resolve))),
  ).then(() => process.exit(code));

main(process.argv.slice(2)).then(
  (code) => exit(code),
  (error: unknown) => {
    // a bug: say so, without a stack full of paths unless asked for
    process.stderr.write(`opstatus: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.OPSTATUS_DEBUG) console.error(error);
    return exit(EXIT.error);
  },
);
