import { Token } from 'aws-cdk-lib';
import { CfnAnalyzer } from 'aws-cdk-lib/aws-accessanalyzer';
import { ArchiveRule, ArchiveRuleFilter } from '../archive-rule';

const RULE_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,254}$/;
const MAX_VALUES = 20;

/** Checks archive rules and renders them for `AWS::AccessAnalyzer::Analyzer`. */
export function renderArchiveRules(
  owner: string,
  prop: string,
  rules: ArchiveRule[] | undefined,
): CfnAnalyzer.ArchiveRuleProperty[] | undefined {
  if (rules === undefined) return undefined;
  const seen = new Set<string>();
  return rules.map((rule, index) => {
    const where = `${owner}: ${prop}[${index}]`;
    if (!Token.isUnresolved(rule.ruleName)) {
      if (!RULE_NAME.test(rule.ruleName)) {
        throw new Error(
          `${where}.ruleName is "${rule.ruleName}"; an archive rule name starts with a letter and ` +
            'holds only letters, digits, "_", "." and "-", at most 255 characters. Rename the rule.',
        );
      }
      if (seen.has(rule.ruleName)) {
        throw new Error(`${where}.ruleName "${rule.ruleName}" is used twice; give each archive rule its own name.`);
      }
      seen.add(rule.ruleName);
    }
    if (rule.filters.length === 0) {
      throw new Error(
        `${where} ("${rule.ruleName}") has no filters, so it would archive every finding. ` +
          'Give it at least one filter, or remove the rule.',
      );
    }
    return { ruleName: rule.ruleName, filter: rule.filters.map((f, i) => renderFilter(`${where}.filters[${i}]`, f)) };
  });
}

function renderFilter(where: string, filter: ArchiveRuleFilter): CfnAnalyzer.FilterProperty {
  if (!Token.isUnresolved(filter.property) && filter.property.trim() === '') {
    throw new Error(`${where}.property is empty; name a finding property such as "resourceType".`);
  }
  const lists: Array<[string, string[] | undefined]> = [
    ['eq', filter.eq],
    ['neq', filter.neq],
    ['contains', filter.contains],
  ];
  for (const [name, values] of lists) {
    if (values === undefined || Token.isUnresolved(values)) continue;
    if (values.length === 0 || values.length > MAX_VALUES) {
      throw new Error(
        `${where}.${name} has ${values.length} values; IAM Access Analyzer accepts 1 to ${MAX_VALUES}. ` +
          `List 1 to ${MAX_VALUES} values, or leave ${name} unset.`,
      );
    }
  }
  if (lists.every(([, values]) => values === undefined) && filter.exists === undefined) {
    throw new Error(
      `${where} on "${filter.property}" has no criterion; set eq, neq, contains or exists.`,
    );
  }
  return {
    property: filter.property,
    eq: filter.eq,
    neq: filter.neq,
    contains: filter.contains,
    exists: filter.exists,
  };
}
