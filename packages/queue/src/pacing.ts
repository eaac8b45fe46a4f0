// Per-vendor pacing shared by every worker of a queue: each origin (scheme, host, port) gets its polls spaced at least
// `duration / max` apart, through one small Redis key per origin. BullMQ's own limiter cannot do this: the open-source
// one holds back a whole queue, and per-group limits are BullMQ Pro's. A poll asks for a slot before it is sent; a slot
// in the future moves the job to delayed until then, its wait's state untouched (no poll made, none counted), and it
// polls at that time without asking again (unless it wakes a whole spacing late: then it asks for a new slot). Every
// job gets its own slot, so a backlog costs one script call per poll, not a retry storm.
import type { RedisClient } from "bullmq";

/** A rate: at most `max` polls in any `duration` ms (spaced evenly, one every `duration / max` ms). */
export interface PaceRate {
  /** Polls per `duration`: a whole number, 1 or more. */
  max: number;
  /** In ms. */
  duration: number;
}

/**
 * Pacing of polls per vendor origin, the same in every worker of a queue: `max` polls per `duration` ms for each
 * origin, and, in `origins`, another rate (or `false`: none) for given origins (`https://vcenter.example.internal`).
 */
export interface PacingOptions extends PaceRate {
  /** Another rate, or `false` for none, for given origins (`https://vcenter.example.internal`, or any URL on it). */
  origins?: Readonly<Record<string, PaceRate | false>>;
}

/**
 * KEYS[1]: the origin's next free slot (epoch ms). ARGV: now, the spacing. Gives this poll the later of now and the
 * next free slot, and moves the next free slot one spacing past it; the key expires once it lies in the past.
 */
const RESERVE_SLOT = `
local now = tonumber(ARGV[1])
local spacing = tonumber(ARGV[2])
local slot = tonumber(redis.call('GET', KEYS[1]) or '0')
if slot < now then slot = now end
redis.call('SET', KEYS[1], string.format('%.3f', slot + spacing), 'PX', math.ceil(slot + spacing - now) + 1000)
return string.format('%.3f', slot)
`;
const COMMAND = "opstatusReservePollSlot";

function checkRate(rate: PaceRate, where: string): PaceRate {
  const { max, duration } = rate ?? {};
  if (!Number.isSafeInteger(max) || max < 1 || !Number.isFinite(duration) || duration <= 0)
    throw new TypeError(`@opstatus/queue: ${where} must be { max: a whole number >= 1, duration: ms > 0 }`);
  return { max, duration };
}

/** The pacing of a worker: for an origin, the time its next poll may be sent. */
export class Pacer {
  readonly #spacing = new Map<string, number | false>();
  readonly #default: number;
  readonly #key: (origin: string) => string;
  readonly #clients = new WeakSet<object>();

  constructor(options: PacingOptions, key: (origin: string) => string) {
    const spacing = ({ max, duration }: PaceRate) => duration / max;
    this.#default = spacing(checkRate(options, "pacing"));
    for (const [origin, rate] of Object.entries(options.origins ?? {}))
      this.#spacing.set(
        new URL(origin).origin,
        rate === false ? false : spacing(checkRate(rate, `pacing.origins["${origin}"]`)),
      );
    this.#key = key;
  }

  /**
   * A slot this late is lost: the poll asks for a new one. Polls woken late (a busy machine, a slow Redis) would
   * otherwise go out together, each at its own slot's lateness, more than the rate in a window.
   */
  missed(origin: string, slot: number, now: number): boolean {
    const spacing = this.#spacing.has(origin) ? this.#spacing.get(origin)! : this.#default;
    return spacing !== false && now - slot >= spacing;
  }

  /** The slot of the next poll to `origin` (epoch ms, `now` or later); reserved, so call it once per poll. */
  async reserve(client: RedisClient, origin: string, now: number): Promise<number> {
    const spacing = this.#spacing.has(origin) ? this.#spacing.get(origin)! : this.#default;
    if (spacing === false) return now;
    if (!this.#clients.has(client)) {
      client.defineCommand(COMMAND, { numberOfKeys: 1, lua: RESERVE_SLOT });
      this.#clients.add(client);
    }
    return Number(await client.runCommand(COMMAND, [this.#key(origin), String(now), String(spacing)]));
  }
}
