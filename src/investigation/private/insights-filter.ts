/**
 * Translates a CloudWatch Logs filter pattern into a Logs Insights `filter` condition, for
 * the subset of the syntax the catalog uses: `=` and `!=` on strings (with `*` wildcards)
 * and numbers, `<` `>` `<=` `>=`, `IS TRUE` / `IS FALSE`, `NOT EXISTS`, `%regex%`, `&&`,
 * `||` and parentheses. Internal: not exported from the package barrel.
 *
 * Semantics kept from filter patterns: a comparison on a missing field does not match, so
 * `!=` becomes `ispresent(f) and f != v`. Logs Insights reads JSON booleans as 1 and 0,
 * so `IS TRUE` becomes `f = 1`. `IS NULL` has no Logs Insights equivalent and makes the
 * pattern untranslatable, as do term and space-delimited patterns.
 */
import { LogPattern } from '../../patterns';
import { JsonExpr, JsonLeaf, JsonStep, parseJsonPattern } from '../../patterns/json-filter';
import { requiredEventNames } from '../../patterns/log-pattern-internals';
import { STAR, StringParts } from '../../patterns/log-values';

/** The filter of a detection's query. */
export interface InsightsFilter {
  /** The condition after `filter`; undefined when nothing could be filtered on. */
  readonly condition?: string;
  /** Why the pattern was not translated, when the condition is only a fallback. */
  readonly fallback?: string;
}

class Untranslatable extends Error {}

/** The Logs Insights condition for a filter pattern, or the eventName fallback. */
export function insightsFilter(pattern: string): InsightsFilter {
  const text = pattern.trim();
  try {
    if (!text.startsWith('{')) throw new Untranslatable('not a JSON filter pattern');
    return { condition: translate(parseJsonPattern(text), true) };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    const names = requiredEventNames(LogPattern.parse(pattern));
    return {
      condition: names ? `eventName in [${names.map(quote).join(', ')}]` : undefined,
      fallback: why,
    };
  }
}

function translate(expr: JsonExpr, top = false): string {
  if (expr.kind === 'leaf') return leaf(expr.leaf);
  const joined = expr.children.map((child) => translate(child)).join(expr.kind === 'and' ? ' and ' : ' or ');
  return top ? joined : `(${joined})`;
}

function leaf(l: JsonLeaf): string {
  const f = field(l.path);
  switch (l.op) {
    case 'NOT EXISTS': return `not ispresent(${f})`;
    case 'IS TRUE': return `${f} = 1`;
    case 'IS FALSE': return `${f} = 0`;
    case 'IS NULL': throw new Untranslatable('IS NULL has no Logs Insights equivalent');
    default: break;
  }
  const operand = l.operand!;
  let test: string;
  if (operand.kind === 'number') {
    test = `${f} ${l.op} ${operand.raw}`;
  } else if (operand.kind === 'regex') {
    if (l.op !== '=' && l.op !== '!=') throw new Untranslatable(`${l.op} on a regular expression`);
    test = `${f} ${l.op === '=' ? 'like' : 'not like'} /${operand.re.source.replace(/\//g, '\\/')}/`;
  } else {
    if (l.op !== '=' && l.op !== '!=') throw new Untranslatable(`${l.op} on a string`);
    test = stringTest(f, l.op, operand.parts);
  }
  return l.op === '!=' ? `(ispresent(${f}) and ${test})` : test;
}

function stringTest(f: string, op: '=' | '!=', parts: StringParts): string {
  if (!parts.includes(STAR)) return `${f} ${op} ${quote(parts.join(''))}`;
  const regex = parts.map((p) => (p === STAR ? '.*' : escapeRegex(p as string))).join('');
  return `${f} ${op === '=' ? 'like' : 'not like'} /^${regex}$/`;
}

/** A field as Logs Insights names flattened JSON: dots between keys and indexes. */
export function field(path: ReadonlyArray<JsonStep>): string {
  const name = path.map(String).join('.');
  return /^[A-Za-z_@][\w.@]*$/.test(name) ? name : `\`${name.replace(/`/g, '``')}\``;
}

export function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}/]/g, '\\$&');
}
