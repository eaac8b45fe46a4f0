// What a wait remembers of its polls: bounded, so that a wait of days holds as little as one of seconds, even at a
// vendor whose status changes on every poll.
import type { PollRecord } from "./wait-types.js";

/** The last polls kept. */
const RECENT = 4;
/** The status changes kept from before the last polls. */
const CHANGES = 4;

/**
 * The recent polls of a wait: the last 4, and the last 4 status changes before them (the first poll is one), in
 * the order they happened: 8 records at most, whatever the number of polls. A failed poll changes the status when
 * the poll before it got an answer, and the other way round.
 */
export class PollHistory {
  readonly #recent: { record: PollRecord; changed: boolean }[] = [];
  readonly #changes: PollRecord[] = [];
  #lastKey: string | undefined;

  /** `lastStatus`: the status of the poll before the first one recorded here (a resumed wait's). */
  constructor(lastStatus?: string) {
    this.#lastKey = lastStatus;
  }

  push(record: PollRecord): void {
    // Stryker disable next-line ConditionalExpression: an error record has no vendorStatus, so its key would be "undefined", still unlike the status of any poll that got an answer
    const key = record.error === undefined ? String(record.vendorStatus) : "\0error";
    this.#recent.push({ record, changed: key !== this.#lastKey });
    this.#lastKey = key;
    const older = this.#recent.length > RECENT ? this.#recent.shift() : undefined;
    if (older?.changed && this.#changes.push(older.record) > CHANGES) this.#changes.shift();
  }

  /** The records kept, oldest first. */
  list(): PollRecord[] {
    return [...this.#changes, ...this.#recent.map((entry) => entry.record)];
  }
}
