import { FilterPattern } from 'aws-cdk-lib/aws-logs';
import { LogPattern } from '../../src/patterns';

// Detections build patterns with aws-cdk-lib's FilterPattern; what it writes must
// parse and mean what its documentation says.
// https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_logs.FilterPattern.html

describe('LogPattern on patterns written by aws-cdk-lib FilterPattern', () => {
  test.each([
    ['allTerms', FilterPattern.allTerms('ERROR', 'MainThread'), 'ERROR in MainThread', 'ERROR elsewhere'],
    ['anyTerm', FilterPattern.anyTerm('ERROR', 'Main Thread'), 'stuck in Main Thread', 'Main thread ok'],
    ['anyTermGroup', FilterPattern.anyTermGroup(['ERROR', 'MainThread'], ['WARN', 'Deadlock']),
      'WARN Deadlock found', 'ERROR Deadlock found'],
    ['all and any', FilterPattern.all(
      FilterPattern.stringValue('$.component', '=', 'HttpServer'),
      FilterPattern.any(FilterPattern.booleanValue('$.error', true), FilterPattern.numberValue('$.latency', '>', 1000)),
    ), '{"component": "HttpServer", "latency": 1200}', '{"component": "HttpServer", "latency": 900, "error": false}'],
    ['exists', FilterPattern.exists('$.a'), '{"a": "x"}', '{"b": "x"}'],
    ['notExists', FilterPattern.notExists('$.b'), '{"a": 1}', '{"b": 1}'],
    ['isNull', FilterPattern.isNull('$.c'), '{"c": null}', '{"c": 0}'],
    ['booleanValue false', FilterPattern.booleanValue('$.d', false), '{"d": false}', '{"d": true}'],
    ['regexValue', FilterPattern.regexValue('$.message', '=', 'bind: address already in use'),
      '{"message": "error: bind: address already in use"}', '{"message": "bound"}'],
    ['stringValue with a space and !=', FilterPattern.stringValue('$.a', '!=', 'x y'), '{"a": "x"}', '{"a": "x y"}'],
    ['stringValue with quotes', FilterPattern.stringValue('$.q', '=', 'he said "hi"'),
      '{"q": "he said \\"hi\\""}', '{"q": "he said hi"}'],
    ['spaceDelimited', FilterPattern.spaceDelimited('time', 'component', '...', 'result_code', 'latency')
      .whereString('component', '=', 'HttpServer').whereNumber('result_code', '!=', 200),
    '10:00 HttpServer GET /x 500 12', '10:00 HttpServer GET /x 200 12'],
    ['allEvents', FilterPattern.allEvents(), 'anything', undefined],
  ])('%s matches its example and not its counter-example', (_what, p, yes, no) => {
    const pattern = LogPattern.parse(p.logPatternString);
    expect(pattern.matches(yes)).toBe(true);
    if (no !== undefined) expect(pattern.matches(no)).toBe(false);
  });
});
