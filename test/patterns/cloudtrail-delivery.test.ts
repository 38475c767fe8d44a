import * as fs from 'fs';
import * as path from 'path';
import { CloudTrailDelivery, EventBridgePattern } from '../../src/patterns';

// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event-cloudtrail-management.html

function record(name: string): any {
  return JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', `${name}.json`), 'utf8'));
}

describe('CloudTrailDelivery.toEvent', () => {
  const createUser = record('iam-persistence__create-user');
  const event = CloudTrailDelivery.toEvent(createUser);

  test('names the service in the source', () => {
    expect(event.source).toBe('aws.iam');
  });

  test('marks an API call as such', () => {
    expect(event['detail-type']).toBe('AWS API Call via CloudTrail');
  });

  test('carries the record as the detail', () => {
    expect(event.detail).toEqual(createUser);
  });

  test('takes account, time and Region from the record', () => {
    expect([event.account, event.time, event.region])
      .toEqual([createUser.recipientAccountId, createUser.eventTime, createUser.awsRegion]);
  });

  test('has version 0, the record id and no resources', () => {
    expect([event.version, event.id, event.resources]).toEqual(['0', createUser.eventID, []]);
  });

  test.each([
    ['root-usage__console-login-no-mfa', 'aws.signin', 'AWS Console Sign In via CloudTrail'],
    ['console-login-failure__unknown-username-hidden', 'aws.signin', 'AWS Console Sign In via CloudTrail'],
    ['guardrail-tamper__cloudwatch-delete-alarms', 'aws.cloudwatch', 'AWS API Call via CloudTrail'],
    ['get-session-token__iam-user-long-term-key', 'aws.sts', 'AWS API Call via CloudTrail'],
  ])('%s arrives from %s as %s', (name, source, detailType) => {
    const e = CloudTrailDelivery.toEvent(record(name));
    expect([e.source, e['detail-type']]).toEqual([source, detailType]);
  });

  test.each([
    ['AwsServiceEvent', 'AWS Service Event via CloudTrail'],
    ['AwsConsoleAction', 'AWS Console Action via CloudTrail'],
    ['AwsConsoleSignin', 'AWS Console Sign In via CloudTrail'],
    ['SomethingNew', 'AWS API Call via CloudTrail'],
  ])('eventType %s becomes %s', (eventType, detailType) => {
    expect(CloudTrailDelivery.toEvent({ eventType, eventSource: 'x.amazonaws.com' })['detail-type']).toBe(detailType);
  });

  test('refuses something that is not a record', () => {
    expect(() => CloudTrailDelivery.toEvent('CreateUser')).toThrow(/expected a CloudTrail record object/);
  });

  test('an EventBridge rule pattern matches the delivered event', () => {
    const rule = EventBridgePattern.fromObject({
      'source': ['aws.iam'],
      'detail-type': ['AWS API Call via CloudTrail'],
      'detail': { eventSource: ['iam.amazonaws.com'], eventName: ['CreateUser'] },
    });
    expect(rule.matchesEvent(event)).toBe(true);
  });
});

describe('CloudTrailDelivery.reachesRule', () => {
  test.each([
    ['iam-persistence__create-user', 'ENABLED', true],
    ['iam-persistence__create-user', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS', true],
    ['iam-persistence__create-user', 'DISABLED', false],
    ['assume-role__iam-user-same-account', 'ENABLED', false],
    ['assume-role__iam-user-same-account', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS', true],
    ['benign__get-caller-identity', 'ENABLED', false],
    ['benign__list-policy-versions', 'ENABLED', false],
    ['get-session-token__iam-user-long-term-key', 'ENABLED', true],
    ['root-usage__console-login-no-mfa', 'ENABLED', true],
    ['root-usage__s3-api-call', 'ENABLED', true],
  ])('%s reaches a rule in state %s: %s', (name, state, expected) => {
    expect(CloudTrailDelivery.reachesRule(record(name), state)).toBe(expected);
  });

  test.each([
    ['GetBucketPolicy', true],
    ['ListUsers', true],
    ['DescribeInstances', true],
    ['HeadObject', true],
    ['PutBucketPolicy', false],
    ['Getaway', true],
  ])('without a readOnly flag, %s is read-only: %s', (eventName, expected) => {
    expect(CloudTrailDelivery.isReadOnly({ eventName, eventSource: 's3.amazonaws.com' })).toBe(expected);
  });

  test('the readOnly flag wins over the name', () => {
    expect(CloudTrailDelivery.isReadOnly({ eventName: 'GetThing', readOnly: false })).toBe(false);
  });

  test('GetFederationToken counts as a change even when flagged read-only', () => {
    expect(CloudTrailDelivery.reachesRule(
      { eventSource: 'sts.amazonaws.com', eventName: 'GetFederationToken', readOnly: true }, 'ENABLED')).toBe(true);
  });

  test('refuses an unknown rule state', () => {
    expect(() => CloudTrailDelivery.reachesRule({}, 'enabled')).toThrow(/unknown rule state 'enabled'/);
  });
});
