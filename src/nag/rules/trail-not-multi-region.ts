import { NagMessageLevel } from 'cdk-nag';
import { cfnBoolean, RuleDefinition } from '../private/rule-definition';
import { resourceRule } from '../private/statement-rule';

/** A trail records one Region only. */
export const TrailNotMultiRegion: RuleDefinition = {
  id: 'IG12',
  level: NagMessageLevel.ERROR,
  info: 'The CloudTrail trail is not multi-Region (IsMultiRegionTrail is not true).',
  explanation: 'Activity in the other Regions, where attackers like to work unseen, is not '
    + 'recorded. Set IsMultiRegionTrail to true (AuditTrail does by default).',
  rule: resourceRule('TrailNotMultiRegion', ['AWS::CloudTrail::Trail'],
    (p) => cfnBoolean(p.IsMultiRegionTrail) === false || p.IsMultiRegionTrail === undefined),
};
