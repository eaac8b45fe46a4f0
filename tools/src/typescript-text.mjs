// TypeScript source text, as the code generator writes it: doc comments, literals and property names.

/**
 * A doc comment: on one line when the text has one, else one ` * ` line per line.
 * @param {string} text
 */
export const jsdoc = (text, indent = "") => {
  const lines = String(text).trim().split("\n");
  return lines.length === 1
    ? `${indent}/** ${lines[0]} */`
    : [`${indent}/**`, ...lines.map((l) => `${indent} * ${l}`.trimEnd()), `${indent} */`].join("\n");
};

/** @param {unknown} text the first sentence of a description, on one line */
export const firstSentence = (text) => {
  const flat = String(text ?? "")
    .replace(/\s+/g, " ")
    .trim();
  const end = flat.search(/[.:](\s|$)/);
  return end < 0 ? flat : flat.slice(0, end + 1);
};

/** @param {unknown} value */
export const literal = (value) => JSON.stringify(value);

/** A property name: as it is when it is an identifier, else quoted. @param {string} name */
export const prop = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : literal(name));
