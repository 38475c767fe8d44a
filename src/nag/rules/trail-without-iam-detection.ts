import { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { treeDetectsIamActivity } from '../private/detection-coverage';
import { RuleDefinition } from '../private/rule-definition';

function trailWithoutIamDetection(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::CloudTrail::Trail') return NagRuleCompliance.NOT_APPLICABLE;
  return treeDetectsIamActivity(node.node.root)
    ? NagRuleCompliance.COMPLIANT
    : NagRuleCompliance.NON_COMPLIANT;
}

/** The app records a trail but detects none of the IAM calls the catalog covers. */
export const TrailWithoutIamDetection: RuleDefinition = {
  id: 'IG19',
  level: NagMessageLevel.WARN,
  info: 'The app records a CloudTrail trail but nothing in it detects IAM changes '
    + '(no metric filter or event rule on the IAM calls the detection catalog covers).',
  explanation: 'A trail only records; someone must look. Add IamThreatDetection on the '
    + "trail's log group, or your own metric filters named after catalog detection ids, or "
    + 'event rules on iam.amazonaws.com calls.',
  rule: trailWithoutIamDetection,
};
