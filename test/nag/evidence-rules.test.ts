import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { findingsOf } from './nag-harness';

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
