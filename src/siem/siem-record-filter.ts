import { Token } from 'aws-cdk-lib';
import { Detection } from '../detections';
import { LogPattern } from '../patterns';
import { IAM_ATTACK_SUBSCRIPTION_PATTERN } from './private/iam-attack-pattern';

/** Longest subscription filter pattern CloudWatch Logs accepts. */
const MAX_PATTERN_LENGTH = 1024;

/**
 * Which trail records are forwarded to the SIEM: a CloudWatch Logs subscription filter
 * pattern.
 */
export class SiemRecordFilter {
  /** Every record of the log group. */
  public static allRecords(): SiemRecordFilter {
    return new SiemRecordFilter('', 'all records');
  }

  /**
   * Every record an IAM-attack detection of the catalog can match, through one coarse
   * pattern (all IAM and CloudTrail writes, AssumeRole and GetSessionToken, sign-ins, root
   * activity and guardrail tampering): the detections' own patterns are too long to join
   * within the 1024-character limit.
   */
  public static iamAttack(): SiemRecordFilter {
    return new SiemRecordFilter(IAM_ATTACK_SUBSCRIPTION_PATTERN, 'IAM-attack records');
  }

  /**
   * The records the given detections match, exactly: their filter patterns joined with
   * `||`. Throws when the result passes 1024 characters; pick fewer detections or use
   * `iamAttack()`.
   */
  public static detections(detections: Detection[]): SiemRecordFilter {
    if (detections.length === 0) {
      throw new Error('SiemRecordFilter.detections: the list is empty; give at least one '
        + 'detection, or use SiemRecordFilter.allRecords()');
    }
    const bodies = detections.map((detection) => {
      const text = detection.filterPattern.trim();
      if (!text.startsWith('{') || !text.endsWith('}')) {
        throw new Error(`SiemRecordFilter.detections: detection ${detection.id} has a term `
          + 'pattern, which cannot be joined with JSON patterns; use SiemRecordFilter.pattern()');
      }
      return `(${text.slice(1, -1).trim()})`;
    });
    const pattern = `{ ${bodies.join(' || ')} }`;
    const ids = detections.map((d) => d.id).join(', ');
    if (pattern.length > MAX_PATTERN_LENGTH) {
      throw new Error(`SiemRecordFilter.detections: the joined pattern of ${ids} is `
        + `${pattern.length} characters, over the ${MAX_PATTERN_LENGTH} CloudWatch Logs accepts; `
        + 'pick fewer detections or use SiemRecordFilter.iamAttack()');
    }
    return new SiemRecordFilter(pattern, `detections ${ids}`);
  }

  /** Your own CloudWatch Logs filter pattern (checked at synth time). */
  public static pattern(pattern: string): SiemRecordFilter {
    if (!Token.isUnresolved(pattern)) {
      const problem = LogPattern.problem(pattern);
      if (problem) {
        throw new Error(`SiemRecordFilter.pattern: ${JSON.stringify(pattern)} is not a `
          + `CloudWatch Logs filter pattern: ${problem}`);
      }
      if (pattern.length > MAX_PATTERN_LENGTH) {
        throw new Error(`SiemRecordFilter.pattern: the pattern is ${pattern.length} characters, `
          + `over the ${MAX_PATTERN_LENGTH} CloudWatch Logs accepts; shorten it`);
      }
    }
    return new SiemRecordFilter(pattern, 'a custom pattern');
  }

  /** The subscription filter pattern (empty for every record). */
  public readonly filterPattern: string;

  /** What the filter lets through, in words. */
  public readonly description: string;

  private constructor(filterPattern: string, description: string) {
    this.filterPattern = filterPattern;
    this.description = description;
  }
}
