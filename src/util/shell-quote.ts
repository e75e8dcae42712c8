// Text placed in a generated sh script as one word, whatever it holds: inside
// single quotes nothing is special, and a single quote itself is closed,
// escaped and reopened.

/** `it's` → `'it'\''s'`. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
