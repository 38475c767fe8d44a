/**
 * Finds, in a construct tree, the resources that detect IAM activity in CloudTrail events.
 * Internal: not exported from the package barrel.
 */
import { CfnResource } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { isRecord, readResource } from './resource-reader';
import { DetectionCatalog } from '../../detections/detection-catalog';

/** IAM API calls an attacker uses to take or keep control of an account. */
export const WATCHED_IAM_EVENTS: readonly string[] = [
  'AttachUserPolicy', 'AttachGroupPolicy', 'AttachRolePolicy',
  'PutUserPolicy', 'PutGroupPolicy', 'PutRolePolicy',
  'CreatePolicy', 'CreatePolicyVersion', 'SetDefaultPolicyVersion',
  'CreateAccessKey', 'CreateLoginProfile', 'UpdateLoginProfile',
  'CreateUser', 'UpdateAssumeRolePolicy', 'DeactivateMFADevice', 'DeleteVirtualMFADevice',
];

const DETECTION_METADATA = 'cdk-iam-guardrails:detection';

let catalogIds: Set<string> | undefined;

function detectionIds(): Set<string> {
  catalogIds ??= new Set(DetectionCatalog.ids());
  return catalogIds;
}

function mentionsWatchedEvent(text: string): boolean {
  return WATCHED_IAM_EVENTS.some((name) => text.includes(name));
}

/** Whether one resource detects IAM activity. */
function detectsIamActivity(node: CfnResource): boolean {
  const type = node.cfnResourceType;
  if (type !== 'AWS::Logs::MetricFilter' && type !== 'AWS::Events::Rule') return false;
  const resource = readResource(node);
  if (typeof resource.metadata[DETECTION_METADATA] === 'string') return true;
  const props = resource.properties;
  if (type === 'AWS::Logs::MetricFilter') {
    const transformations = Array.isArray(props.MetricTransformations)
      ? props.MetricTransformations : [];
    const named = transformations.some((t: unknown) =>
      isRecord(t) && typeof t.MetricName === 'string' && detectionIds().has(t.MetricName));
    return named || (typeof props.FilterPattern === 'string'
      && mentionsWatchedEvent(props.FilterPattern));
  }
  const pattern = typeof props.EventPattern === 'string'
    ? props.EventPattern : JSON.stringify(props.EventPattern ?? {});
  return mentionsWatchedEvent(pattern) || pattern.includes('iam.amazonaws.com');
}

/** Whether anything in the tree under `root` detects IAM activity. */
export function treeDetectsIamActivity(root: IConstruct): boolean {
  return root.node.findAll().some((c) => CfnResource.isCfnResource(c) && detectsIamActivity(c));
}
