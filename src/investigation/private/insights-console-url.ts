/**
 * The CloudWatch console address that opens Logs Insights with a query and a log group
 * filled in. The console reads its state from the fragment in its own encoding: values
 * are written with every character but letters, digits, `-` and `.` as `*xx` (hex of
 * each UTF-8 byte), strings start with `'`, objects and lists are `~(` items joined by
 * `~` `)`; the whole is escaped, prefixed with `?queryDetail=`, URI-encoded, and `%`
 * becomes `$`. Internal: not exported from the package barrel.
 *
 * A log group name known only at deployment (a token) is encoded by CloudFormation: the
 * characters a log group name may hold beyond letters, digits, `-` and `.` are `_`, `/`
 * and `#`, and each is replaced with its `*xx` form by splitting and joining on it. The
 * other layers leave `*xx`, letters, digits, `-` and `.` as they are, so the deployed
 * address is the one a known name gives. A Region token is put in as it is: Region names
 * are letters, digits and `-`.
 *
 * The console host follows the stack's partition (see `consoleHost`).
 */
import { Fn, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { consoleHost } from '../../private/console-host';

export interface ConsoleUrlOptions {
  /** Any construct of the stack the address is for; its Region and partition pick the host. */
  readonly scope: IConstruct;
  readonly query: string;
  readonly logGroupName: string;
  /** How far back the query looks, in seconds. */
  readonly lookbackSeconds: number;
}

export function insightsConsoleUrl(options: ConsoleUrlOptions): string {
  const state = `~(end~0~start~-${options.lookbackSeconds}~timeType~'RELATIVE~unit~'seconds`
    + `~editorString~'${value(options.query)}~source~(~'`;
  const given = options.logGroupName;
  const name = Token.isUnresolved(given) ? deployTimeValue(given) : value(given);
  const fragment = `${outer(`?queryDetail=${state}`)}${name}${outer('))')}`;
  const stack = Stack.of(options.scope);
  const region = stack.region;
  return `https://${region}.${consoleHost(stack)}/cloudwatch/home?region=${region}#logsV2:logs-insights${fragment}`;
}

/** One value: `*xx` for each byte of every character but letters, digits, `-` and `.`. */
function value(text: string): string {
  let out = '';
  for (const ch of text) {
    if (/[A-Za-z0-9.-]/.test(ch)) {
      out += ch;
    } else {
      for (const byte of Buffer.from(ch, 'utf8')) out += `*${byte.toString(16).padStart(2, '0')}`;
    }
  }
  return out;
}

/** `value` of a name known only at deployment, done by CloudFormation. */
function deployTimeValue(name: string): string {
  let encoded = name;
  for (const ch of ['#', '_', '/']) encoded = Fn.join(value(ch), Fn.split(ch, encoded));
  return encoded;
}

/** The outer layers: JavaScript's legacy escape, then URI encoding, then `%` as `$`. */
function outer(text: string): string {
  const hex = (ch: string) => ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');
  const escaped = text.replace(/[^A-Za-z0-9@*_+\-./]/g, (ch) => `%${hex(ch)}`);
  return encodeURIComponent(escaped).replace(/%/g, '$');
}
