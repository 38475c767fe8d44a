import { LogPattern } from '../../src/patterns';
import {
  matchParsedRecord, requiredEventNames, requiredEventSources, requiredFieldValues,
} from '../../src/patterns/log-pattern-internals';

describe('requiredEventNames', () => {
  test.each([
    ['{ $.eventName = "CreateUser" }', ['CreateUser']],
    ['{ $.eventName = CreateUser && $.errorCode NOT EXISTS }', ['CreateUser']],
    ['{ ($.eventName = A) || ($.eventName = B) || ($.eventName = A) }', ['A', 'B']],
    ['{ $.eventSource = iam.amazonaws.com && ($.eventName = A || $.eventName = B) }', ['A', 'B']],
    ['{ ($.eventName = A || $.eventName = B) && $.eventName = A }', ['A']],
    ['{ ($.eventName = A && $.x = 1) || ($.eventName = B && $.y = 2) }', ['A', 'B']],
  ])('%s requires %j', (pattern, names) => {
    expect(requiredEventNames(LogPattern.parse(pattern))).toEqual(names);
  });

  test.each([
    ['{ $.eventName = A || $.errorCode = X }'],
    ['{ $.eventName = "Create*" }'],
    ['{ $.eventName = %^Create% }'],
    ['{ $.eventName != A }'],
    ['{ $.detail.eventName = A }'],
    ['{ $.errorCode = "AccessDenied*" }'],
    ['CreateUser'],
    ['[a, eventName = CreateUser]'],
  ])('%s leaves the event name open', (pattern) => {
    expect(requiredEventNames(LogPattern.parse(pattern))).toBeUndefined();
  });
});

describe('requiredEventSources', () => {
  test('reads the eventSource of an AND', () => {
    const p = LogPattern.parse('{ $.eventSource = kms.amazonaws.com && ($.eventName = DisableKey) }');
    expect(requiredEventSources(p)).toEqual(['kms.amazonaws.com']);
  });

  test('reads any named top-level field', () => {
    expect(requiredFieldValues(LogPattern.parse('{ $.eventType = "AwsConsoleSignIn" }'), 'eventType'))
      .toEqual(['AwsConsoleSignIn']);
  });
});

describe('matchParsedRecord', () => {
  const record = { eventName: 'CreateUser' };

  test('matches a JSON pattern on the parsed record', () => {
    expect(matchParsedRecord(LogPattern.parse('{ $.eventName = CreateUser }'), record)).toBe(true);
  });

  test('uses the raw text given for a term pattern instead of serializing', () => {
    expect(matchParsedRecord(LogPattern.parse('marker'), record, 'raw line with marker')).toBe(true);
  });

  test('serializes the record for a term pattern when no text is given', () => {
    expect(matchParsedRecord(LogPattern.parse('CreateUser'), record)).toBe(true);
  });
});
