import { NagMessageLevel } from 'cdk-nag';
import { RuleDefinition } from '../private/rule-definition';
import { resourceRule } from '../private/statement-rule';

/** A trail's logs are not encrypted with a KMS key. */
export const TrailWithoutKms: RuleDefinition = {
  id: 'IG14',
  level: NagMessageLevel.ERROR,
  info: 'The CloudTrail trail does not encrypt its logs with a KMS key (no KMSKeyId).',
  explanation: 'With SSE-S3 only, anyone who can read the bucket reads the logs. Set KMSKeyId '
    + 'to a customer managed key whose policy limits decryption to the people who investigate.',
  rule: resourceRule('TrailWithoutKms', ['AWS::CloudTrail::Trail'],
    (p) => p.KMSKeyId === undefined || p.KMSKeyId === ''),
};
