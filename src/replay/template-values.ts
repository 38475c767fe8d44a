/**
 * Reads literal values out of a CloudFormation template. The few intrinsic functions
 * whose value is known without a deployment (`Fn::Join` of literals, `Ref` to
 * `AWS::Partition` and `AWS::URLSuffix`) are resolved; anything else is unresolved.
 */

const KNOWN_PSEUDO: Record<string, string> = {
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
};

/** Thrown when a value needs a deployment to be known. */
export class UnresolvedValue extends Error {}

/** The value with the resolvable intrinsics replaced; throws UnresolvedValue otherwise. */
export function resolveLiteral(value: any): any {
  if (Array.isArray(value)) return value.map(resolveLiteral);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) {
    return resolveIntrinsic(keys[0], value[keys[0]]);
  }
  const out: Record<string, any> = {};
  for (const key of keys) out[key] = resolveLiteral(value[key]);
  return out;
}

function resolveIntrinsic(name: string, arg: any): any {
  if (name === 'Ref' && typeof arg === 'string' && arg in KNOWN_PSEUDO) {
    return KNOWN_PSEUDO[arg];
  }
  if (name === 'Fn::Join' && Array.isArray(arg) && arg.length === 2
    && typeof arg[0] === 'string' && Array.isArray(arg[1])) {
    return arg[1].map((part: any) => {
      const resolved = resolveLiteral(part);
      if (typeof resolved !== 'string' && typeof resolved !== 'number') {
        throw new UnresolvedValue(`Fn::Join of a non-string part ${JSON.stringify(part)}`);
      }
      return String(resolved);
    }).join(arg[0]);
  }
  throw new UnresolvedValue(`${JSON.stringify({ [name]: arg })} is only known after deployment`);
}

/** A string property, resolved; undefined when absent. */
export function stringValue(value: any, what: string): string | undefined {
  if (value === undefined) return undefined;
  const resolved = resolveLiteral(value);
  if (typeof resolved !== 'string') {
    throw new UnresolvedValue(`${what} is not a string (${JSON.stringify(value)})`);
  }
  return resolved;
}

/** A number property (CloudFormation accepts numbers as strings), resolved. */
export function numberValue(value: any, what: string): number | undefined {
  if (value === undefined) return undefined;
  const resolved = resolveLiteral(value);
  const n = typeof resolved === 'number' ? resolved
    : typeof resolved === 'string' && resolved.trim() !== '' ? Number(resolved) : NaN;
  if (!Number.isFinite(n)) {
    throw new UnresolvedValue(`${what} is not a number (${JSON.stringify(value)})`);
  }
  return n;
}
