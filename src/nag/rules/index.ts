/** Every rule of the pack, in id order. Internal: not exported from the package barrel. */
import { AccessKeyInTemplate } from './access-key-in-template';
import { AdminStatement } from './admin-statement';
import { AlarmWithoutActions } from './alarm-without-actions';
import { AllowNotAction } from './allow-not-action';
import { AllowNotResource } from './allow-not-resource';
import { CrossAccountTrustWithoutCondition } from './cross-account-trust-without-condition';
import { LogGroupShortRetention } from './log-group-short-retention';
import { LoginProfileInTemplate } from './login-profile-in-template';
import { MetricFilterPatternInvalid } from './metric-filter-pattern-invalid';
import { PrivilegeEscalationActions } from './privilege-escalation-actions';
import { ServiceFullAccess } from './service-full-access';
import { TrailNotMultiRegion } from './trail-not-multi-region';
import { TrailWithoutCloudWatchLogs } from './trail-without-cloudwatch-logs';
import { TrailWithoutIamDetection } from './trail-without-iam-detection';
import { TrailWithoutKms } from './trail-without-kms';
import { TrailWithoutLogFileValidation } from './trail-without-log-file-validation';
import { TrustOpenToAnyone } from './trust-open-to-anyone';
import { UserInlinePolicies } from './user-inline-policies';
import { UserManagedPolicies } from './user-managed-policies';
import { RuleDefinition } from '../private/rule-definition';

export const ALL_RULES: readonly RuleDefinition[] = [
  AdminStatement,
  ServiceFullAccess,
  AllowNotAction,
  AllowNotResource,
  PrivilegeEscalationActions,
  UserManagedPolicies,
  UserInlinePolicies,
  AccessKeyInTemplate,
  LoginProfileInTemplate,
  TrustOpenToAnyone,
  CrossAccountTrustWithoutCondition,
  TrailNotMultiRegion,
  TrailWithoutLogFileValidation,
  TrailWithoutKms,
  TrailWithoutCloudWatchLogs,
  LogGroupShortRetention,
  AlarmWithoutActions,
  MetricFilterPatternInvalid,
  TrailWithoutIamDetection,
];
