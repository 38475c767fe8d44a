import { App, CfnParameter, Duration, Fn, Stack, Token, Validations } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { findingsOf, guardrailFindings, readViolations } from './nag-harness';
import { IamThreatDetection } from '../../src/detection';
import { DetectionCatalog } from '../../src/detections';
import { IamGuardrailsChecks } from '../../src/nag';
import { WATCHED_IAM_EVENTS } from '../../src/nag/private/detection-coverage';
import { LogPattern } from '../../src/patterns';

function trail(stack: Stack, props: Partial<cloudtrail.CfnTrailProps> = {}): cloudtrail.CfnTrail {
  return new cloudtrail.CfnTrail(stack, 'Trail', {
    isLogging: true,
    s3BucketName: 'audit-logs-111122223333',
    isMultiRegionTrail: true,
    enableLogFileValidation: true,
    kmsKeyId: new kms.Key(stack, 'Key').keyArn,
    cloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:111122223333:log-group:trail:*',
    cloudWatchLogsRoleArn: 'arn:aws:iam::111122223333:role/trail-to-logs',
    ...props,
  });
}

function metricFilter(stack: Stack, metricName: string, pattern: string): logs.CfnMetricFilter {
  return new logs.CfnMetricFilter(stack, `Filter${metricName}`, {
    logGroupName: 'trail',
    filterPattern: pattern,
    metricTransformations: [{ metricName, metricNamespace: 'IamGuardrails', metricValue: '1' }],
  });
}

describe('IG12 TrailNotMultiRegion', () => {
  test('flags a single-Region trail', () => {
    expect(findingsOf('IG12', (s) => trail(s, { isMultiRegionTrail: false })))
      .toEqual(['IamGuardrails-IG12']);
  });

  test('accepts a multi-Region trail', () => {
    expect(findingsOf('IG12', (s) => trail(s))).toEqual([]);
  });
});

describe('IG13 TrailWithoutLogFileValidation', () => {
  test('flags a trail without log file validation', () => {
    expect(findingsOf('IG13', (s) => trail(s, { enableLogFileValidation: undefined })))
      .toEqual(['IamGuardrails-IG13']);
  });

  test('accepts a trail with log file validation', () => {
    expect(findingsOf('IG13', (s) => trail(s))).toEqual([]);
  });
});

describe('IG14 TrailWithoutKms', () => {
  test('flags a trail without a KMS key', () => {
    expect(findingsOf('IG14', (s) => trail(s, { kmsKeyId: undefined })))
      .toEqual(['IamGuardrails-IG14']);
  });

  test('accepts a trail encrypted with a KMS key', () => {
    expect(findingsOf('IG14', (s) => trail(s))).toEqual([]);
  });
});

describe('IG15 TrailWithoutCloudWatchLogs', () => {
  test('flags a trail that does not deliver to CloudWatch Logs', () => {
    expect(findingsOf('IG15', (s) => trail(s, {
      cloudWatchLogsLogGroupArn: undefined, cloudWatchLogsRoleArn: undefined,
    }))).toEqual(['IamGuardrails-IG15']);
  });

  test('accepts a trail delivering to a log group', () => {
    expect(findingsOf('IG15', (s) => trail(s))).toEqual([]);
  });
});

describe('IG16 LogGroupShortRetention', () => {
  test('flags a log group kept for three months', () => {
    expect(findingsOf('IG16', (s) => new logs.LogGroup(s, 'Logs', {
      retention: logs.RetentionDays.THREE_MONTHS,
    }))).toEqual(['IamGuardrails-IG16']);
  });

  test('accepts a log group kept for a year', () => {
    expect(findingsOf('IG16', (s) => new logs.LogGroup(s, 'Logs', {
      retention: logs.RetentionDays.ONE_YEAR,
    }))).toEqual([]);
  });

  test('accepts a log group that never expires', () => {
    expect(findingsOf('IG16', (s) => new logs.LogGroup(s, 'Logs', {
      retention: logs.RetentionDays.INFINITE,
    }))).toEqual([]);
  });
});

describe('IG17 AlarmWithoutActions', () => {
  function alarm(stack: Stack): cloudwatch.Alarm {
    return new cloudwatch.Alarm(stack, 'Alarm', {
      metric: new cloudwatch.Metric({
        namespace: 'IamGuardrails', metricName: 'RootActivity', period: Duration.minutes(5),
      }),
      threshold: 1,
      evaluationPeriods: 1,
    });
  }

  test('flags an alarm with no action', () => {
    expect(findingsOf('IG17', (s) => alarm(s))).toEqual(['IamGuardrails-IG17']);
  });

  test('accepts an alarm that notifies a topic', () => {
    expect(findingsOf('IG17', (s) => alarm(s).addAlarmAction(
      new actions.SnsAction(new sns.Topic(s, 'Topic')),
    ))).toEqual([]);
  });
});

describe('IG18 MetricFilterPatternInvalid', () => {
  test('flags a filter pattern that does not parse', () => {
    expect(findingsOf('IG18', (s) => metricFilter(s, 'Broken', '{ $.eventName = ')))
      .toEqual(['IamGuardrails-IG18']);
  });

  test('accepts a filter pattern that parses', () => {
    expect(findingsOf('IG18', (s) => metricFilter(s, 'RootActivity',
      '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS }'))).toEqual([]);
  });
});

describe('IG19 TrailWithoutIamDetection', () => {
  test('warns on a trail nothing watches', () => {
    expect(findingsOf('IG19', (s) => trail(s))).toEqual(['IamGuardrails-IG19']);
  });

  test('accepts a trail beside a metric filter named after a catalog detection', () => {
    expect(findingsOf('IG19', (s) => {
      trail(s);
      metricFilter(s, 'AccessKeyCreated', '{ $.eventSource = "iam.amazonaws.com" }');
    })).toEqual([]);
  });

  test('accepts a trail beside a metric filter on an IAM call', () => {
    expect(findingsOf('IG19', (s) => {
      trail(s);
      metricFilter(s, 'PolicyChanges', '{ ($.eventName = PutUserPolicy) || ($.eventName = DeleteUserPolicy) }');
    })).toEqual([]);
  });

  test('accepts a trail beside an event rule on iam.amazonaws.com calls', () => {
    expect(findingsOf('IG19', (s) => {
      trail(s);
      new events.Rule(s, 'Rule', {
        eventPattern: {
          source: ['aws.iam'],
          detail: { eventSource: ['iam.amazonaws.com'], eventName: ['CreateUser'] },
        },
      });
    })).toEqual([]);
  });

  test('still warns when the only metric filter watches something else', () => {
    expect(findingsOf('IG19', (s) => {
      trail(s);
      metricFilter(s, 'Errors', '{ $.errorCode = "ThrottlingException" }');
    })).toEqual(['IamGuardrails-IG19']);
  });
});

describe('evidence rules on values they cannot read', () => {
  const unknown = (s: Stack) => new CfnParameter(s, 'Unknown', { type: 'String' }).valueAsString;

  test('IG12 to IG15 leave a trail whose settings are parameters to the deployment', () => {
    expect(guardrailFindings((s) => trail(s, {
      isMultiRegionTrail: Fn.conditionIf('Multi', true, false) as any,
      enableLogFileValidation: Fn.conditionIf('Multi', true, false) as any,
      kmsKeyId: unknown(s),
    })).filter((n) => /IG1[2-5]/.test(n))).toEqual([]);
  });

  test('IG12 flags IsMultiRegionTrail overridden with the string false', () => {
    expect(findingsOf('IG12', (s) => trail(s).addPropertyOverride('IsMultiRegionTrail', 'false')))
      .toEqual(['IamGuardrails-IG12']);
  });

  test('IG16 accepts a log group without retention and one whose retention is a parameter', () => {
    expect(findingsOf('IG16', (s) => {
      new logs.CfnLogGroup(s, 'Forever');
      new logs.CfnLogGroup(s, 'Parameter', { retentionInDays: Token.asNumber(unknown(s)) });
    })).toEqual([]);
  });

  test('IG17 flags an alarm whose actions are disabled', () => {
    expect(findingsOf('IG17', (s) => new cloudwatch.CfnAlarm(s, 'Muted', {
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      evaluationPeriods: 1,
      threshold: 1,
      metricName: 'RootActivity',
      namespace: 'IamGuardrails',
      period: 300,
      statistic: 'Sum',
      actionsEnabled: false,
      alarmActions: ['arn:aws:sns:us-east-1:111122223333:secops'],
    }))).toEqual(['IamGuardrails-IG17']);
  });

  test('IG17 accepts alarm actions chosen by a condition', () => {
    expect(findingsOf('IG17', (s) => new cloudwatch.CfnAlarm(s, 'Conditional', {
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      evaluationPeriods: 1,
      threshold: 1,
      metricName: 'RootActivity',
      namespace: 'IamGuardrails',
      period: 300,
      statistic: 'Sum',
      alarmActions: Fn.conditionIf('Prod', ['arn:aws:sns:us-east-1:111122223333:secops'], []) as any,
    }))).toEqual([]);
  });

  test('IG18 accepts a filter pattern that is a parameter', () => {
    expect(findingsOf('IG18', (s) => metricFilter(s, 'Custom', unknown(s)))).toEqual([]);
  });
});

describe('IG19 and the detection catalog', () => {
  const record = (eventName: string) => ({
    eventVersion: '1.08',
    userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/mallory', accountId: '111122223333' },
    eventTime: '2024-05-01T12:00:00Z',
    eventSource: 'iam.amazonaws.com',
    eventName,
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.7',
    requestParameters: { userName: 'mallory', setAsDefault: true },
    eventType: 'AwsApiCall',
    recipientAccountId: '111122223333',
  });

  test.each([...WATCHED_IAM_EVENTS])('watches %s, a call a catalog detection matches', (eventName) => {
    const matching = DetectionCatalog.iamAttack()
      .filter((d) => LogPattern.parse(d.filterPattern).matchesRecord(record(eventName)))
      .map((d) => d.id);
    expect(matching.length).toBeGreaterThan(0);
  });

  test('watches every IAM call a catalog detection on iam.amazonaws.com names', () => {
    const named = DetectionCatalog.iamAttack()
      .filter((d) => d.filterPattern.includes('iam.amazonaws.com'))
      .flatMap((d) => [...d.filterPattern.matchAll(/\$\.eventName\s*=\s*"?(\w+)/g)].map((m) => m[1]));
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((name) => !WATCHED_IAM_EVENTS.includes(name))).toEqual([]);
  });

  test('accepts a trail in one stack watched by IamThreatDetection in another', () => {
    const app = new App({ context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
    const env = { account: '111122223333', region: 'us-east-1' };
    trail(new Stack(app, 'Evidence', { env }));
    const detection = new Stack(app, 'Watch', { env });
    new IamThreatDetection(detection, 'Detection', {
      logGroup: logs.LogGroup.fromLogGroupName(detection, 'Logs', 'trail'),
    });
    Validations.of(app).addPlugins(new IamGuardrailsChecks(app));
    expect(readViolations(app).map((v) => v.ruleName)).not.toContain('IamGuardrails-IG19');
  });
});
