import { Annotations, Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ResolvedAlarm } from './detection-resources';
import { Detection } from '../../detections/detection';
import { DetectionTrack } from '../../detections/track';

export interface RulePlacementOptions {
  /** Whether single-event detections get rules at all. */
  readonly eventRules: boolean;
  /** Whether detections of the CIS track get rules too. */
  readonly cisEventRules: boolean;
  /** Whether this Region's bus receives global-service events; undefined when not said. */
  readonly receivesGlobalServiceEvents?: boolean;
}

/**
 * Decides which detections an EventBridge rule serves in the stack's Region, and warns
 * about those it leaves to their alarms because their events never reach this Region.
 */
export class RulePlacement {
  private readonly receivesGlobal: boolean;
  private readonly skippedGlobalRules: string[] = [];
  private warnedOnce = false;

  constructor(private readonly scope: Construct, private readonly options: RulePlacementOptions) {
    const region = Stack.of(scope).region;
    const said = options.receivesGlobalServiceEvents;
    this.receivesGlobal = said ?? (Token.isUnresolved(region) || region === 'us-east-1');
    if (said === undefined && Token.isUnresolved(region)) {
      Annotations.of(scope).addWarningV2(
        'cdk-iam-guardrails:region-unknown',
        'The stack has no Region, so rules for IAM, STS and root sign-in events are created on ' +
          'the assumption that it deploys to us-east-1, the only Region those events reach. ' +
          'Set env.region, or receivesGlobalServiceEvents.',
      );
    }
  }

  // A rule serves a detection whose alarm fires on a single event; counting and anomaly
  // detections stay with their alarms, which see every Region of the trail.
  public servesWithRule(detection: Detection, alarm: ResolvedAlarm): boolean {
    if (!this.options.eventRules || !detection.eventPattern) return false;
    if (detection.track === DetectionTrack.CIS && !this.options.cisEventRules) return false;
    if (alarm.anomalyBandWidth !== undefined || alarm.threshold !== 1) return false;
    if (detection.globalServiceEvents && !this.receivesGlobal) {
      this.skippedGlobalRules.push(detection.id);
      if (this.warnedOnce) this.warnAboutSkippedGlobalRules();
      return false;
    }
    return true;
  }

  /** Warns once for the detections skipped so far; later skips warn on their own. */
  public warnAboutSkippedGlobalRules(): void {
    this.warnedOnce = true;
    if (this.skippedGlobalRules.length > 0) {
      Annotations.of(this.scope).addWarningV2(
        'cdk-iam-guardrails:global-events-elsewhere',
        `No EventBridge rules for ${this.skippedGlobalRules.join(', ')}: their events (IAM, STS, ` +
          'root sign-in) reach EventBridge in us-east-1 only. Their alarms still fire. For ' +
          'second-fast notifications, deploy a GlobalEventForwarder in us-east-1 and set ' +
          'receivesGlobalServiceEvents: true.',
      );
      this.skippedGlobalRules.length = 0;
    }
  }
}
