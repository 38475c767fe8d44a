import { EventBridgePattern } from '../../src/patterns';

// Conformance with the examples of the Amazon EventBridge documentation: each row
// is a documented pattern, an event (the documented one where the page shows it)
// and the documented outcome.

const pattern = (p: unknown): EventBridgePattern => EventBridgePattern.fromObject(p);

// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html
const ec2Event = {
  'version': '0',
  'id': '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  'source': 'aws.ec2',
  'account': '111122223333',
  'time': '2017-12-22T18:43:48Z',
  'region': 'us-west-1',
  'resources': ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  'detail': { 'instance-id': 'i-1234567890abcdef0', 'state': 'terminated' },
};

const autoScalingEvent = {
  'version': '0',
  'id': '3e3c153a-8339-4e30-8c35-687ebef853fe',
  'detail-type': 'EC2 Instance Launch Successful',
  'source': 'aws.autoscaling',
  'account': '123456789012',
  'time': '2015-11-11T21:31:47Z',
  'region': 'us-east-1',
  'resources': [],
  'detail': { eventVersion: '', responseElements: null },
};

const macieEvent = {
  'detail-type': 'Macie Alert',
  'source': 'aws.macie',
  'detail': {
    'notification-type': 'ALERT_CREATED',
    'tags': ['Custom_Alert', 'Insider'],
    'risk-score': 80,
    'trigger': { 'alert-type': 'basic', 'risk': 8 },
  },
};

describe('EventBridgePattern: event patterns (documented examples)', () => {
  test.each([
    ['instance termination', {
      'source': ['aws.ec2'],
      'detail-type': ['EC2 Instance State-change Notification'],
      'detail': { state: ['terminated'] },
    }, ec2Event, true],
    ['either of two sources', { source: ['aws.ec2', 'aws.fargate'] }, ec2Event, true],
    ['either of two sources, neither present', { source: ['aws.s3', 'aws.fargate'] }, ec2Event, false],
    ['a null field', {
      'source': ['aws.autoscaling'],
      'detail-type': ['EC2 Instance Launch Successful'],
      'detail': { responseElements: [null] },
    }, autoScalingEvent, true],
    ['numbers in nested objects', {
      'source': ['aws.macie'],
      'detail-type': ['Macie Alert'],
      'detail': { 'risk-score': [80], 'trigger': { risk: [8] } },
    }, macieEvent, true],
  ])('%s: matches %s', (_what, p, event, expected) => {
    expect(pattern(p).matchesEvent(event)).toBe(expected);
  });
});

// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-null-values.html
describe('EventBridgePattern: null values and empty strings (documented examples)', () => {
  test.each([
    ['an empty string', { detail: { eventVersion: [''] } }, true],
    ['a null value', { detail: { responseElements: [null] } }, true],
    ['an empty string does not match null', { detail: { responseElements: [''] } }, false],
    ['null does not match an empty string', { detail: { eventVersion: [null] } }, false],
  ])('%s', (_what, p, expected) => {
    expect(pattern(p).matchesEvent(autoScalingEvent)).toBe(expected);
  });
});

// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-arrays.html
describe('EventBridgePattern: arrays (documented example)', () => {
  test('matches when the pattern array and the event array share a value', () => {
    const p = pattern({
      resources: [
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f',
      ],
    });
    expect(p.matchesEvent({
      resources: [
        'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:'
          + 'autoScalingGroupName/ASGTerminate',
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
      ],
    })).toBe(true);
  });
});

// The operator summary and its sections.
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
describe('EventBridgePattern: comparison operators (documented examples)', () => {
  test.each([
    ['and', { Location: ['New York'], Day: ['Monday'] }, { Location: 'New York', Day: 'Monday' }, true],
    ['and, one field differs', { Location: ['New York'], Day: ['Monday'] },
      { Location: 'New York', Day: 'Friday' }, false],
    ['anything-but', { state: [{ 'anything-but': 'initializing' }] }, { state: 'running' }, true],
    ['anything-but, excluded value', { state: [{ 'anything-but': 'initializing' }] }, { state: 'initializing' }, false],
    ['anything-but a number', { 'x-limit': [{ 'anything-but': 123 }] }, { 'x-limit': 124 }, true],
    ['anything-but a number, excluded', { 'x-limit': [{ 'anything-but': 123 }] }, { 'x-limit': 123 }, false],
    ['anything-but a list of strings', { state: [{ 'anything-but': ['stopped', 'overloaded'] }] },
      { state: 'overloaded' }, false],
    ['anything-but a list of numbers', { 'x-limit': [{ 'anything-but': [100, 200, 300] }] }, { 'x-limit': 250 }, true],
    ['anything-but prefix', { Region: [{ 'anything-but': { prefix: 'us-' } }] }, { Region: 'eu-west-1' }, true],
    ['anything-but prefix, excluded', { Region: [{ 'anything-but': { prefix: 'us-' } }] },
      { Region: 'us-east-1' }, false],
    ['anything-but suffix', { FileName: [{ 'anything-but': { suffix: '.png' } }] }, { FileName: 'a.jpg' }, true],
    ['anything-but suffix, excluded', { FileName: [{ 'anything-but': { suffix: '.png' } }] },
      { FileName: 'a.png' }, false],
    ['anything-but ignoring case', { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] },
      { state: 'INITIALIZING' }, false],
    ['anything-but ignoring case, other value',
      { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] },
      { state: 'Running' }, true],
    ['anything-but wildcard', { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] },
      { FilePath: '/usr/lib/x.so' }, false],
    ['anything-but wildcard, other path', { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] },
      { FilePath: '/usr/bin/x' }, true],
    ['begins with', { Region: [{ prefix: 'us-' }] }, { Region: 'us-east-1' }, true],
    ['begins with, other value', { Region: [{ prefix: 'us-' }] }, { Region: 'eu-west-1' }, false],
    ['begins with, ignoring case', { service: [{ prefix: { 'equals-ignore-case': 'eventb' } }] },
      { service: 'EventBridge' }, true],
    ['empty', { LastName: [''] }, { LastName: '' }, true],
    ['equals', { Name: ['Alice'] }, { Name: 'Alice' }, true],
    ['equals is case-sensitive', { Name: ['Alice'] }, { Name: 'alice' }, false],
    ['equals ignoring case', { Name: [{ 'equals-ignore-case': 'alice' }] }, { Name: 'ALICE' }, true],
    ['ends with', { FileName: [{ suffix: '.png' }] }, { FileName: 'image.png' }, true],
    ['ends with, other value', { FileName: [{ suffix: '.png' }] }, { FileName: 'image.PNG' }, false],
    ['ends with, ignoring case', { service: [{ suffix: { 'equals-ignore-case': 'tBridge' } }] },
      { service: 'EVENTBRIDGE' }, true],
    ['exists', { ProductName: [{ exists: true }] }, { ProductName: 'Widget' }, true],
    ['exists, absent', { ProductName: [{ exists: true }] }, { Price: 1 }, false],
    ['does not exist', { ProductName: [{ exists: false }] }, { Price: 1 }, true],
    ['does not exist, present', { ProductName: [{ exists: false }] }, { ProductName: 'Widget' }, false],
    ['not', { Weather: [{ 'anything-but': ['Raining'] }] }, { Weather: 'Sunny' }, true],
    ['null', { UserID: [null] }, { UserID: null }, true],
    ['numeric equals', { Price: [{ numeric: ['=', 100] }] }, { Price: 100 }, true],
    ['numeric range', { Price: [{ numeric: ['>', 10, '<=', 20] }] }, { Price: 20 }, true],
    ['numeric range, below', { Price: [{ numeric: ['>', 10, '<=', 20] }] }, { Price: 10 }, false],
    ['or', { PaymentType: ['Credit', 'Debit'] }, { PaymentType: 'Debit' }, true],
    ['or across fields', { $or: [{ Location: ['New York'] }, { Day: ['Monday'] }] },
      { Location: 'Paris', Day: 'Monday' }, true],
    ['or across fields, neither', { $or: [{ Location: ['New York'] }, { Day: ['Monday'] }] },
      { Location: 'Paris', Day: 'Friday' }, false],
    ['wildcard', { FileName: [{ wildcard: 'dir/*.png' }] }, { FileName: 'dir/init.png' }, true],
    ['wildcard, other folder', { FileName: [{ wildcard: 'dir/*.png' }] }, { FileName: 'other/init.png' }, false],
  ])('%s', (_what, p, event, expected) => {
    expect(pattern(p).matchesEvent(event)).toBe(expected);
  });
});

// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
describe('EventBridgePattern: content filters (documented examples)', () => {
  test.each([
    ['prefix on time', { time: [{ prefix: '2017-10-02' }] }, { time: '2017-10-02T18:43:48Z' }, true],
    ['numeric matching', {
      detail: {
        'c-count': [{ numeric: ['>', 0, '<=', 5] }],
        'd-count': [{ numeric: ['<', 10] }],
        'x-limit': [{ numeric: ['=', 3.018e2] }],
      },
    }, { detail: { 'c-count': 5, 'd-count': 9, 'x-limit': 301.8 } }, true],
    ['numeric matching, one field out of range', {
      detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }], 'd-count': [{ numeric: ['<', 10] }] },
    }, { detail: { 'c-count': 5, 'd-count': 10 } }, false],
    ['IP address matching', { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } },
      { detail: { sourceIPAddress: '10.0.0.255' } }, true],
    ['IP address matching, outside', { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } },
      { detail: { sourceIPAddress: '10.0.1.0' } }, false],
    ['wildcard on an ARN', { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] },
      { EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/default' }, true],
    ['$or of numeric filters', {
      $or: [
        { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] },
        { 'd-count': [{ numeric: ['<', 10] }] },
        { 'x-limit': [{ numeric: ['=', 3.018e2] }] },
      ],
    }, { 'c-count': 50, 'd-count': 50, 'x-limit': 301.8 }, true],
    ['$or beside a plain field', {
      source: ['aws.cloudwatch'],
      $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
    }, { source: 'aws.cloudwatch', metricName: 'NetworkIn', namespace: 'AWS/ES' }, true],
    ['$or beside a plain field that differs', {
      source: ['aws.cloudwatch'],
      $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
    }, { source: 'aws.ec2', metricName: 'CPUUtilization' }, false],
  ])('%s', (_what, p, event, expected) => {
    expect(pattern(p).matchesEvent(event)).toBe(expected);
  });

  // The complex example combines prefix, anything-but and numeric.
  const complex = {
    time: [{ prefix: '2017-10-02' }],
    detail: {
      'state': [{ 'anything-but': 'initializing' }],
      'c-count': [{ numeric: ['>', 0, '<=', 5] }],
      'd-count': [{ numeric: ['<', 10] }],
      'x-limit': [{ 'anything-but': [100, 200, 300] }],
    },
  };

  test.each([
    ['every condition holds', { 'state': 'running', 'c-count': 1, 'd-count': 2, 'x-limit': 150 }, true],
    ['x-limit is excluded', { 'state': 'running', 'c-count': 1, 'd-count': 2, 'x-limit': 200 }, false],
    ['state is excluded', { 'state': 'initializing', 'c-count': 1, 'd-count': 2, 'x-limit': 150 }, false],
  ])('the combined example: %s', (_what, detail, expected) => {
    expect(pattern(complex).matchesEvent({ time: '2017-10-02T00:00:00Z', detail })).toBe(expected);
  });

  test('when a key appears twice in the JSON text, the last one counts', () => {
    const p = EventBridgePattern.fromJson(
      '{"detail": {"location": [{"prefix": "us-"}], "location": [{"anything-but": "us-east"}]}}');
    expect([
      p.matchesEvent({ detail: { location: 'eu-west' } }),
      p.matchesEvent({ detail: { location: 'us-east' } }),
    ]).toEqual([true, false]);
  });
});

// Exists matching works on leaf nodes only.
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
describe('EventBridgePattern: exists on leaf nodes (documented examples)', () => {
  const noCount = {
    'detail-type': ['EC2 Instance State-change Notification'],
    'resources': ['arn:aws:ec2:us-east-1:123456789012:instance/i-02ebd4584a2ebd341'],
    'detail': { state: ['initializing', 'running'] },
  };
  const objectCount = { ...noCount, detail: { 'state': ['initializing', 'running'], 'c-count': { c1: 100 } } };

  test.each([
    ['exists false, field absent', { detail: { 'c-count': [{ exists: false }] } }, noCount, true],
    ['exists false, field is an object', { detail: { 'c-count': [{ exists: false }] } }, objectCount, true],
    ['exists true, field present', { detail: { state: [{ exists: true }] } }, ec2Event, true],
    ['exists true, only an object below', { detail: { state: [{ exists: true }] } },
      { detail: { 'c-count': { c1: 100 } } }, false],
  ])('%s', (_what, p, event, expected) => {
    expect(pattern(p).matchesEvent(event)).toBe(expected);
  });
});
