/**
 * A count with its noun, singular for one: `plural(1, 'record')` is `1 record`,
 * `plural(6, 'identity', 'identities')` is `6 identities`.
 */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
