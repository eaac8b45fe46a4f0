// The one secret policy: every credential a client sends or obtains is blanked out of whatever it shows (errors, the
// CLI's output, a worker's logs), in every form it can take there.

/** Values shorter than this are too common to blank out ("abc" would maim every text). */
const MIN_SECRET_LENGTH = 4;
/** How many transient secrets (session tokens) are remembered: the latest ones. */
const TRANSIENT_SECRETS = 32;

/**
 * Replaces known secrets with `[REDACTED]`: longest first, so that a secret inside a longer one leaves nothing of the
 * longer one behind; each secret also as it stands in JSON (escaped) and in a URL (percent-encoded). Secrets shorter
 * than 4 characters are ignored. (Of HTTP Basic, the scheme format hands over the password, the base64 value and the
 * header value, each a secret.) Runs in browsers and Deno as in Node.
 */
export class Redactor {
  readonly #fixed = new Set<string>();
  /** Secrets that come and go (session tokens): the latest 32 are kept. */
  // Stryker disable next-line ArrayDeclaration: the list starts empty; the mutant's placeholder text is no secret anyone sends, and only a text holding it would show the difference
  readonly #transient: string[] = [];
  #sorted: string[] | undefined;

  /**
   * Remembers a secret for good, or, `transient`, among the latest few (a session token that the next log-in
   * replaces).
   */
  add(secret: string | undefined, options: { transient?: boolean } = {}): void {
    if (!secret || secret.length < MIN_SECRET_LENGTH) return;
    for (const form of [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]) {
      // Stryker disable next-line ConditionalExpression: every form of a secret of 4 or more characters is at least as long (escaping and percent-encoding only lengthen it), so the length check never skips one
      if (form.length < MIN_SECRET_LENGTH || this.#fixed.has(form)) continue;
      if (options.transient) {
        if (this.#transient.includes(form)) continue;
        if (this.#transient.push(form) > TRANSIENT_SECRETS) this.#transient.shift();
      } else this.#fixed.add(form);
      this.#sorted = undefined;
    }
  }

  /** `text` with every known secret replaced. */
  redact(text: string): string {
    this.#sorted ??= [...this.#fixed, ...this.#transient].sort((a, b) => b.length - a.length);
    let out = text;
    // Stryker disable next-line ConditionalExpression: splitting on a secret the text does not hold gives the text back unchanged; the check only saves work
    for (const secret of this.#sorted) if (out.includes(secret)) out = out.split(secret).join("[REDACTED]");
    return out;
  }

  /** `redact` applied to every string inside a parsed JSON value. */
  redactDeep<T>(value: T): T {
    if (typeof value === "string") return this.redact(value) as T;
    if (Array.isArray(value)) return value.map((item) => this.redactDeep(item)) as T;
    if (value && typeof value === "object")
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.redactDeep(item)])) as T;
    return value;
  }
}
