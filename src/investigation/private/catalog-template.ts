/**
 * The detections `investigate` names when it is given no template: a template-shaped
 * object holding the IAM-attack track as `IamThreatDetection` writes it by default, read by
 * the replay's template reader. Internal: not exported from the package barrel.
 *
 * Metric filters carry every detection. Inline policies and policy versions that grant
 * full privileges are judged by the rule of `FullPrivilegeGrantMonitor`, the one rule a
 * metric filter cannot stand in for; the other rules match what their filters match.
 */
import { DetectionCatalog } from '../../detections/detection-catalog';

/** Where problems in the built-in detections are reported from. */
export const CATALOG_SOURCE = '(built-in IAM-attack catalog)';

/** The IAM policy writes whose documents the full-privilege analyzer judges. */
const POLICY_WRITES = ['PutUserPolicy', 'PutGroupPolicy', 'PutRolePolicy', 'CreatePolicy', 'CreatePolicyVersion'];

export function catalogTemplate(): any {
  const resources: Record<string, any> = {};
  for (const detection of DetectionCatalog.iamAttack()) {
    resources[`${detection.id}MetricFilter`] = {
      Type: 'AWS::Logs::MetricFilter',
      Metadata: { 'cdk-iam-guardrails:detection': detection.id },
      Properties: {
        LogGroupName: 'trail',
        FilterPattern: detection.filterPattern,
        MetricTransformations: [{ MetricNamespace: 'IamGuardrails', MetricName: detection.id, MetricValue: '1' }],
      },
    };
  }
  resources.AdminPrivilegesGrantedPolicyDocuments = {
    Type: 'AWS::Events::Rule',
    Metadata: {
      'cdk-iam-guardrails:detection': 'AdminPrivilegesGranted',
      'cdk-iam-guardrails:post-filter': 'FullPrivilegeGrant',
    },
    Properties: {
      EventPattern: {
        'source': ['aws.iam'],
        'detail-type': ['AWS API Call via CloudTrail'],
        'detail': {
          eventSource: ['iam.amazonaws.com'],
          eventName: POLICY_WRITES,
          errorCode: [{ exists: false }],
        },
      },
    },
  };
  return { Resources: resources };
}
