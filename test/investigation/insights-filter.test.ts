import { DetectionCatalog } from '../../src/detections';
import { insightsFilter } from '../../src/investigation/private/insights-filter';

const condition = (pattern: string) => insightsFilter(pattern).condition;

describe('Logs Insights translation of filter patterns', () => {
  test('turns string equality into =', () => {
    expect(condition('{ $.eventName = "CreateUser" }')).toBe('eventName = "CreateUser"');
  });

  test('reads bare words as strings', () => {
    expect(condition('{ $.eventSource = iam.amazonaws.com }')).toBe('eventSource = "iam.amazonaws.com"');
  });

  test('turns a wildcard into an anchored like', () => {
    expect(condition('{ $.errorCode = "AccessDenied*" }')).toBe('errorCode like /^AccessDenied.*$/');
  });

  test('escapes regular-expression characters around a wildcard', () => {
    expect(condition('{ $.arn = "arn:aws*:iam::aws:policy/Admin.Access" }'))
      .toBe('arn like /^arn:aws.*:iam::aws:policy\\/Admin\\.Access$/');
  });

  test('keeps != from matching a missing field', () => {
    expect(condition('{ $.userIdentity.type != "AWSService" }'))
      .toBe('(ispresent(userIdentity.type) and userIdentity.type != "AWSService")');
  });

  test('turns NOT EXISTS into not ispresent', () => {
    expect(condition('{ $.errorCode NOT EXISTS }')).toBe('not ispresent(errorCode)');
  });

  test('compares booleans with 1 and 0, as Logs Insights reads them', () => {
    expect(condition('{ $.readOnly IS FALSE || $.a.b IS TRUE }')).toBe('readOnly = 0 or a.b = 1');
  });

  test('keeps numbers and their comparison', () => {
    expect(condition('{ $.requestParameters.minimumPasswordLength < 14 }'))
      .toBe('requestParameters.minimumPasswordLength < 14');
  });

  test('keeps && binding tighter than || with parentheses', () => {
    expect(condition('{ $.a = "1" || $.b = "2" && $.c = "3" }')).toBe('a = "1" or (b = "2" and c = "3")');
  });

  test('writes array indexes as Logs Insights flattens them', () => {
    expect(condition('{ $.resources[0].ARN = "x" }')).toBe('resources.0.ARN = "x"');
  });

  test('quotes a field name with characters Logs Insights does not accept bare', () => {
    expect(condition('{ $.tags.my-tag = "x" }')).toBe('`tags.my-tag` = "x"');
  });

  test('escapes quotes in values', () => {
    expect(condition('{ $.a = "say \\"hi\\"" }')).toBe('a = "say \\"hi\\""');
  });

  test('translates every catalog detection without falling back', () => {
    const fallbacks = DetectionCatalog.all().filter((d) => insightsFilter(d.filterPattern).fallback);
    expect(fallbacks.map((d) => d.id)).toEqual([]);
  });

  test('falls back to the event names of a pattern it cannot translate, saying why', () => {
    expect(insightsFilter('{ ($.eventName = "CreateUser" || $.eventName = "DeleteUser") && $.x IS NULL }')).toEqual({
      condition: 'eventName in ["CreateUser", "DeleteUser"]',
      fallback: 'IS NULL has no Logs Insights equivalent',
    });
  });

  test('filters on nothing when an untranslatable pattern requires no event name', () => {
    expect(insightsFilter('ERROR -DEBUG')).toEqual({ condition: undefined, fallback: 'not a JSON filter pattern' });
  });
});
