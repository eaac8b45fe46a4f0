// --checkpoint FILE: the wait's resume token, written after every poll so that a job killed at any moment continues
// the same wait when run again. The token is core's (it holds no secret); the CLI only stores and reads it.
import { readWaitToken } from "@opstatus/core/internal";
import { accessSync, constants, existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { UsageError } from "./args.js";

/** A checkpoint read back: the token, and what the display shows before the first poll. */
export interface Checkpoint {
  token: string;
  /** When the wait first started, if the token says. */
  startedAt?: number;
  /** Polls so far. */
  attempt: number;
  /** The last vendor status before the token. */
  lastStatus?: string;
}

/**
 * Before the first request: the checkpoint's directory is there and writable (else a usage error), and the token in
 * the file, if there is one.
 */
export function openCheckpoint(file: string): Checkpoint | undefined {
  const dir = dirname(resolve(file));
  try {
    if (!statSync(dir).isDirectory()) throw new Error("not a directory");
    accessSync(dir, constants.W_OK);
  } catch {
    throw new UsageError(`--checkpoint ${file}: cannot write in ${dir} (no such directory, or not writable)`);
  }
  if (!existsSync(file)) return undefined;
  let token: string;
  try {
    token = readFileSync(file, "utf8").trim();
  } catch {
    throw new UsageError(`--checkpoint ${file}: cannot read the file`);
  }
  // a file that holds no token is the waiter's to refuse (it names what is wrong with it)
  return { token, attempt: 0, ...readWaitToken(token) };
}

/** Writes the resume token so that a kill at any moment leaves the old token or the new one, never half of one. */
export function writeCheckpoint(file: string, token: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, `${token}\n`);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true, maxRetries: 0 });
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`--checkpoint ${file}: cannot write the file (${why})`, { cause: error });
  }
}

/** The last writes (an error ended the wait, or a signal): never a reason for the command to end otherwise. */
export function tryWriteCheckpoint(file: string, token: string): boolean {
  try {
    writeCheckpoint(file, token);
    return true;
  } catch {
    return false;
  }
}

/** The operation has ended: a later wait on the same file starts anew. */
export function removeCheckpoint(file: string): void {
  rmSync(file, { force: true });
}
