import { NagMessageLevel } from 'cdk-nag';
import { RuleDefinition } from '../private/rule-definition';
import { resourceRule } from '../private/statement-rule';

const ONE_YEAR_DAYS = 365;

/** A log group keeps its events less than a year. */
export const LogGroupShortRetention: RuleDefinition = {
  id: 'IG16',
  level: NagMessageLevel.WARN,
  info: 'The log group keeps its events less than a year (RetentionInDays below 365).',
  explanation: 'Intrusions are often found months later; the evidence must still be there. '
    + 'Set RetentionInDays to 365 or more, or leave it unset to keep events forever.',
  rule: resourceRule('LogGroupShortRetention', ['AWS::Logs::LogGroup'], (p) => {
    const days = typeof p.RetentionInDays === 'string' ? Number(p.RetentionInDays) : p.RetentionInDays;
    return typeof days === 'number' && !Number.isNaN(days) && days < ONE_YEAR_DAYS;
  }),
};
