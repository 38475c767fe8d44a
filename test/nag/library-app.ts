/**
 * An app that holds every construct of the library with every option that creates or
 * changes resources switched on somewhere: one stack per way of deploying the library.
 */
import {
  App, ArnFormat, Duration, RemovalPolicy, Stack,
} from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import { organizationStacks } from './library-organization-app';
import {
  AccessAnalyzer,
  AccountPasswordPolicy,
  AnalyzerScope,
  MfaEnforcement,
  PasswordPolicyOnDelete,
} from '../../src/account';
import {
  ConfigRecorderMode,
  FindingAggregation,
  FindingPublishingFrequency,
  GuardDutyDetector,
  GuardDutyIamFindingGroup,
  IamConfigRule,
  IamConfigRules,
  SecurityHubSeverity,
  SecurityHubStandard,
  SecurityHubStandards,
} from '../../src/compliance';
import { AlarmTopic, GlobalEventForwarder, IamThreatDetection } from '../../src/detection';
import { Detection, DetectionCatalog, PrivilegedPrincipalActivity, Severity } from '../../src/detections';
import { CloudTrailSource, IamGuardrails } from '../../src/guardrails';
import { GrantedThenUsedMonitor, InvestigationQueries } from '../../src/investigation';
import { FullPrivilegeGrantMonitor, GrantRuleState } from '../../src/policy';
import { SiemDestination, SiemForwarding, SiemRecordFilter, SplunkEndpointType } from '../../src/siem';
import { AuditTrail, AuditTrailObjectLockMode } from '../../src/trail';

const ACCOUNT = '111122223333';
const SECURITY_ACCOUNT = '444455556666';
const ENV = { account: ACCOUNT, region: 'us-east-1' };

const BREAK_GLASS_USED = Detection.custom({
  id: 'BreakGlassRoleUsed',
  severity: Severity.CRITICAL,
  filterPattern: '{ $.userIdentity.sessionContext.sessionIssuer.userName = "BreakGlass" }',
  eventPattern: {
    detail: { userIdentity: { sessionContext: { sessionIssuer: { userName: ['BreakGlass'] } } } },
  },
});

const PRIVILEGED = PrivilegedPrincipalActivity.detection({
  roleNames: ['OrganizationAccountAccessRole'],
  roleNamePatterns: ['AWSReservedSSO_AdministratorAccess_*'],
  userNames: ['admin'],
  includeReadOnly: true,
});

/** A secret the SIEM destinations read their credentials from, owned by the user. */
function siemSecret(stack: Stack, id: string): secretsmanager.ISecret {
  return secretsmanager.Secret.fromSecretCompleteArn(stack, id, stack.formatArn({
    service: 'secretsmanager',
    resource: 'secret',
    resourceName: `${id}-AbCdEf`,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  }));
}

/** The single-account constructs, each created with its own resources and all options. */
function accountStack(app: App): void {
  const stack = new Stack(app, 'Account', { env: ENV });
  const alarms = new AlarmTopic(stack, 'Alarms', { emails: ['secops@example.com'] });
  const critical = new AlarmTopic(stack, 'Critical', { emails: ['oncall@example.com'] });
  const deliveries = new sns.Topic(stack, 'LogFileDelivered', {
    masterKey: new kms.Key(stack, 'DeliveriesKey', { enableKeyRotation: true }),
    enforceSSL: true,
  });
  const trail = new AuditTrail(stack, 'Trail', {
    trailName: 'account-audit',
    insights: true,
    insightTypes: [cloudtrail.InsightType.API_CALL_RATE],
    s3DataEvents: true,
    lambdaDataEvents: true,
    snsTopic: deliveries,
    objectLockMode: AuditTrailObjectLockMode.GOVERNANCE,
    objectLockRetentionDays: 400,
    transitionStorageClass: s3.StorageClass.INFREQUENT_ACCESS,
    logRetention: logs.RetentionDays.TWO_YEARS,
  });

  const detection = new IamThreatDetection(stack, 'Detection', {
    logGroup: trail.logGroup,
    alarmTopic: alarms.topic,
    metricNamespace: 'Guardrails',
    cis: true,
    eventRules: true,
    dashboard: true,
    disabledDetections: ['SessionTokenIssued'],
    overrides: {
      ConsoleSignInFailures: { threshold: 10, period: Duration.minutes(10), topic: critical.topic },
      UserCreated: { severity: Severity.LOW },
    },
    severityRoutes: [{ severity: Severity.CRITICAL, topic: critical.topic }],
    detections: [BREAK_GLASS_USED, PRIVILEGED],
    investigationLookback: Duration.hours(6),
  });
  new InvestigationQueries(stack, 'Queries', {
    logGroup: trail.logGroup,
    threatDetection: detection,
    detections: [Detection.custom({ id: 'SupportCaseOpened', filterPattern: '{ $.eventName = "CreateCase" }' })],
    namePrefix: 'Guardrails/',
    lookback: Duration.hours(12),
  });

  new FullPrivilegeGrantMonitor(stack, 'Grants', {
    alarmTopic: alarms.topic,
    metricNamespace: 'Guardrails',
    ruleState: GrantRuleState.ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS,
    logRetention: logs.RetentionDays.TWO_YEARS,
  });
  new GrantedThenUsedMonitor(stack, 'GrantedThenUsed', {
    alarmTopic: alarms.topic,
    window: Duration.hours(12),
    logRetention: logs.RetentionDays.TWO_YEARS,
    reservedConcurrency: 5,
  });

  new AccountPasswordPolicy(stack, 'PasswordPolicy', {
    onDelete: PasswordPolicyOnDelete.RESTORE_PREVIOUS,
  });
  const people = new iam.Group(stack, 'People');
  new iam.User(stack, 'Alice', { groups: [people] });
  const contractor = new iam.User(stack, 'Bob', { groups: [people] });
  new MfaEnforcement(stack, 'Mfa', {
    groups: [people],
    users: [contractor],
    exemptUserNames: ['break-glass'],
    managedPolicyName: 'RequireMfa',
  });
  new AccessAnalyzer(stack, 'AccessAnalyzer', {
    analyzerName: 'account',
    archiveRules: [{
      ruleName: 'trusted-auditor',
      filters: [{ property: 'principal.AWS', eq: [SECURITY_ACCOUNT] }],
    }],
    unusedAccess: true,
    unusedAccessAge: Duration.days(60),
    unusedAccessArchiveRules: [{
      ruleName: 'break-glass',
      filters: [{ property: 'resource', contains: ['BreakGlass'] }],
    }],
    alarmTopic: alarms.topic,
  });

  new SecurityHubStandards(stack, 'SecurityHub', {
    standards: [
      SecurityHubStandard.AWS_FOUNDATIONAL_SECURITY_BEST_PRACTICES_V1_0_0,
      SecurityHubStandard.CIS_AWS_FOUNDATIONS_BENCHMARK_V3_0_0,
      SecurityHubStandard.NIST_800_53_REV_5,
      SecurityHubStandard.PCI_DSS_V4_0_1,
    ],
    disabledControls: [{
      standard: SecurityHubStandard.CIS_AWS_FOUNDATIONS_BENCHMARK_V3_0_0,
      controlId: 'IAM.6',
      reason: 'The root user has a virtual MFA device held by two officers.',
    }],
    autoEnableControls: false,
    findingAggregation: FindingAggregation.allRegions(),
    alarmTopic: alarms.topic,
    minimumSeverity: SecurityHubSeverity.MEDIUM,
  });
  new IamConfigRules(stack, 'ConfigRules', {
    disabledRules: [IamConfigRule.ROOT_ACCOUNT_HARDWARE_MFA_ENABLED],
    maxAccessKeyAge: 60,
    maxCredentialUsageAge: 30,
    ruleNamePrefix: 'guardrails-',
    recordGlobalResources: true,
    createServiceLinkedRole: true,
    removalPolicy: RemovalPolicy.DESTROY,
    remediatePasswordPolicy: true,
    revokeUnusedCredentials: true,
    alarmTopic: alarms.topic,
  });
  new GuardDutyDetector(stack, 'GuardDuty', {
    findingPublishingFrequency: FindingPublishingFrequency.FIFTEEN_MINUTES,
    findingGroups: [GuardDutyIamFindingGroup.ROOT_CREDENTIAL_USAGE, GuardDutyIamFindingGroup.ANOMALOUS_BEHAVIOR],
    minimumSeverity: 7,
    routeLowSeverityTampering: true,
    alarmTopic: alarms.topic,
  });

  siemStreams(stack, trail.logGroup);
}

/** One forwarding per SIEM destination and record choice. */
function siemStreams(stack: Stack, trailLogGroup: logs.ILogGroup): void {
  new SiemForwarding(stack, 'SiemS3', {
    logGroup: trailLogGroup,
    destination: SiemDestination.s3({ prefix: 'trail/' }),
    recordFilter: SiemRecordFilter.iamAttack(),
  });
  const secondLogGroup = logs.LogGroup.fromLogGroupName(stack, 'OrganizationTrailLogs', 'org-trail');
  new SiemForwarding(stack, 'SiemHttp', {
    logGroup: secondLogGroup,
    destination: SiemDestination.httpEndpoint({
      url: 'https://siem.example.com/ingest',
      accessKey: siemSecret(stack, 'SiemHttpKey'),
      name: 'example-siem',
    }),
    recordFilter: SiemRecordFilter.detections([DetectionCatalog.get('RootActivity'), PRIVILEGED]),
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const thirdLogGroup = logs.LogGroup.fromLogGroupName(stack, 'ControlTowerTrailLogs', 'ct-trail');
  new SiemForwarding(stack, 'SiemSplunk', {
    logGroup: thirdLogGroup,
    destination: SiemDestination.splunk({
      hecEndpoint: 'https://splunk.example.com:8088',
      hecToken: siemSecret(stack, 'SplunkHecToken'),
      endpointType: SplunkEndpointType.EVENT,
    }),
    recordFilter: SiemRecordFilter.pattern('{ $.eventSource = "iam.amazonaws.com" }'),
  });
}

/**
 * The same constructs where the account already has the services, and with the
 * collaborators (keys, buckets) the user brings.
 */
function existingServicesStack(app: App): void {
  const stack = new Stack(app, 'ExistingServices', { env: { ...ENV, account: '777788889999' } });
  const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
  const alarms = new AlarmTopic(stack, 'Alarms', { key });
  const logsBucket = s3.Bucket.fromBucketName(stack, 'AccessLogs', 'central-access-logs');
  const trailLogs = logs.LogGroup.fromLogGroupName(stack, 'TrailLogs', 'central-trail');

  new FullPrivilegeGrantMonitor(stack, 'Grants', {
    alarmTopic: alarms.topic,
    ruleState: GrantRuleState.DISABLED,
    encryptionKey: key,
  });
  new GrantedThenUsedMonitor(stack, 'GrantedThenUsed', {
    alarmTopic: alarms.topic,
    encryptionKey: key,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  new AccountPasswordPolicy(stack, 'PasswordPolicy', { onDelete: PasswordPolicyOnDelete.DELETE });
  new AccessAnalyzer(stack, 'AccessAnalyzer', {
    analyzerScope: AnalyzerScope.ORGANIZATION,
    unusedAccess: true,
    alarmTopic: alarms.topic,
  });
  new SecurityHubStandards(stack, 'SecurityHub', {
    existingHub: true,
    findingAggregation: FindingAggregation.specifiedRegions(['eu-west-1']),
    alarmTopic: alarms.topic,
  });
  new IamConfigRules(stack, 'ConfigRules', {
    recorder: ConfigRecorderMode.USE_EXISTING,
    alarmTopic: alarms.topic,
  });
  new GuardDutyDetector(stack, 'GuardDuty', {
    existingDetector: true,
    routeLowSeverityTampering: false,
    alarmTopic: alarms.topic,
  });
  new SiemForwarding(stack, 'Siem', {
    logGroup: trailLogs,
    destination: SiemDestination.s3({ bucket: s3.Bucket.fromBucketName(stack, 'SiemBucket', 'siem-inbox') }),
    encryptionKey: key,
    accessLogsBucket: logsBucket,
  });

  const delivery = new Stack(app, 'ConfigDelivery', { env: ENV });
  new IamConfigRules(delivery, 'ConfigRules', {
    deliveryBucket: s3.Bucket.fromBucketName(delivery, 'Delivery', 'central-config'),
    deliveryKey: kms.Key.fromKeyArn(delivery, 'DeliveryKey', delivery.formatArn({
      service: 'kms', resource: 'key', resourceName: '1234abcd-12ab-34cd-56ef-1234567890ab',
    })),
    recordGlobalResources: false,
  });
}

/** The one-construct baseline, with its own trail and with a Control Tower trail. */
function baselineStacks(app: App): void {
  const baseline = new Stack(app, 'Baseline', { env: { ...ENV, account: SECURITY_ACCOUNT } });
  new IamGuardrails(baseline, 'Guardrails', {
    emails: ['secops@example.com'],
    cloudTrail: CloudTrailSource.auditTrail({ insights: true }),
    detection: { cis: true, detections: [PRIVILEGED] },
    passwordPolicyOptions: { minimumPasswordLength: 16, onDelete: PasswordPolicyOnDelete.RESTORE_PREVIOUS },
    mfaEnforcementOptions: { exemptUserNames: ['break-glass'] },
    accessAnalyzerOptions: { unusedAccess: true },
    securityHubOptions: { findingAggregation: FindingAggregation.allRegionsExcept(['ap-east-1']) },
    configRulesOptions: { remediatePasswordPolicy: true, revokeUnusedCredentials: true },
    guardDutyOptions: { minimumSeverity: 5 },
  });

  const controlTower = new Stack(app, 'ControlTower', { env: { ...ENV, region: 'eu-west-1' } });
  new IamGuardrails(controlTower, 'Guardrails', {
    emails: ['secops@example.com'],
    cloudTrail: CloudTrailSource.controlTower(),
    passwordPolicy: false,
    mfaEnforcement: false,
    accessAnalyzer: false,
    securityHubOptions: { existingHub: true },
    configRulesOptions: { recorder: ConfigRecorderMode.USE_EXISTING },
    guardDutyOptions: { existingDetector: true },
  });

  const regional = new Stack(app, 'Global', { env: ENV });
  new GlobalEventForwarder(regional, 'Forwarder', { targetRegion: 'eu-west-1' });
}

/**
 * Every construct of the library with its options on. Validation findings go to the
 * report instead of failing synthesis.
 */
export function buildLibraryApp(): App {
  const app = new App({ context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
  accountStack(app);
  existingServicesStack(app);
  baselineStacks(app);
  organizationStacks(app, BREAK_GLASS_USED);
  return app;
}
