/** Reads the query and log group back from a console address, undoing each layer. */
export function decodeConsoleUrl(url: string): { region: string; query: string; source: string; lookback: number } {
  const [base, fragment] = url.split('#logsV2:logs-insights');
  const state = unescape(decodeURIComponent(fragment.replace(/\$/g, '%')));
  const values = (text: string) => text.replace(/\*([0-9a-f]{2})/g, '%$1');
  const editor = /~editorString~'([^~]*)~/.exec(state)![1];
  const source = /~source~\(~'([^~)]*)\)/.exec(state)![1];
  return {
    region: /^https:\/\/([a-z0-9-]+)\.console/.exec(base)![1],
    query: decodeURIComponent(values(editor)),
    source: decodeURIComponent(values(source)),
    lookback: Number(/~start~-(\d+)~/.exec(state)![1]),
  };
}

/**
 * What CloudFormation makes of a resolved value: `Fn::Join`, `Fn::Split`, `Ref` (to the
 * values given), `Fn::Equals` and `Fn::If` (on the template's `Conditions`) evaluated, as
 * a deployment would.
 */
export function evaluate(value: unknown, refs: Record<string, string>, conditions: Record<string, unknown> = {}): any {
  if (typeof value === 'string' || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => evaluate(v, refs, conditions));
  const record = value as Record<string, any>;
  if ('Fn::If' in record) {
    const [name, whenTrue, whenFalse] = record['Fn::If'];
    if (!(name in conditions)) throw new Error(`no condition ${name}`);
    return evaluate(evaluate(conditions[name], refs, conditions) ? whenTrue : whenFalse, refs, conditions);
  }
  if ('Fn::Equals' in record) {
    const [left, right] = evaluate(record['Fn::Equals'], refs, conditions);
    return left === right;
  }
  if ('Ref' in record) {
    if (!(record.Ref in refs)) throw new Error(`no value for Ref ${record.Ref}`);
    return refs[record.Ref];
  }
  if ('Fn::Join' in record) {
    const [delimiter, parts] = record['Fn::Join'];
    return (evaluate(parts, refs, conditions) as string[]).join(delimiter);
  }
  if ('Fn::Split' in record) {
    const [delimiter, source] = record['Fn::Split'];
    return (evaluate(source, refs, conditions) as string).split(delimiter);
  }
  throw new Error(`cannot evaluate ${JSON.stringify(value)}`);
}
