import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import { EventBridgePattern } from '../../src/patterns';

// Detections build rules with aws-cdk-lib's events.Match; the patterns it writes
// into templates must compile and mean what its documentation says.
// https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_events.Match.html

function synthesized(detail: events.EventPattern['detail']): EventBridgePattern {
  const stack = new Stack(new App(), 'Rules');
  new events.Rule(stack, 'Rule', { eventPattern: { source: ['aws.iam'], detail } });
  const rules = Template.fromStack(stack).findResources('AWS::Events::Rule');
  return EventBridgePattern.fromObject(Object.values(rules)[0].Properties.EventPattern);
}

describe('EventBridgePattern on rules written with aws-cdk-lib events.Match', () => {
  test.each([
    ['prefix', { v: events.Match.prefix('Create') }, 'CreateUser', 'DeleteUser'],
    ['suffix', { v: events.Match.suffix('Policy') }, 'PutUserPolicy', 'PutUser'],
    ['equalsIgnoreCase', { v: events.Match.equalsIgnoreCase('yes') }, 'YES', 'no'],
    ['wildcard', { v: events.Match.wildcard('Put*Policy') }, 'PutRolePolicy', 'PutRole'],
    ['anythingBut', { v: events.Match.anythingBut('AWSService', 'Root') }, 'IAMUser', 'Root'],
    ['anythingButPrefix', { v: events.Match.anythingButPrefix('AWS') }, 'IAMUser', 'AWSService'],
    ['exists', { v: events.Match.exists() }, 'x', undefined],
    ['cidr', { v: events.Match.cidr('198.51.100.0/24') }, '198.51.100.7', '203.0.113.7'],
    ['greaterThan', { v: events.Match.greaterThan(5) }, 6, 5],
    ['interval', { v: events.Match.interval(1, 3) }, 3, 4],
    ['anyOf', { v: events.Match.anyOf(events.Match.prefix('Get'), events.Match.suffix('Token')) },
      'GetSessionToken', 'AssumeRole'],
  ])('%s matches its example and not its counter-example', (_what, detail, yes, no) => {
    const pattern = synthesized(detail);
    expect(pattern.matchesEvent({ source: 'aws.iam', detail: { v: yes } })).toBe(true);
    if (no !== undefined) expect(pattern.matchesEvent({ source: 'aws.iam', detail: { v: no } })).toBe(false);
  });

  test('doesNotExist matches a detail without the field', () => {
    expect(synthesized({ v: events.Match.doesNotExist() }).matchesEvent({ source: 'aws.iam', detail: {} })).toBe(true);
  });
});
