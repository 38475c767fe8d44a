import { Duration } from 'aws-cdk-lib';
import { TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Severity } from '../detections/severity';

/**
 * Changes to one detection's settings, keyed by its id in `IamThreatDetectionProps.overrides`.
 */
export interface DetectionOverride {
  /**
   * Set to false to leave the detection out.
   *
   * @default true
   */
  readonly enabled?: boolean;

  /**
   * Matching events within one period that put the alarm in ALARM.
   *
   * @default - the catalog's value
   */
  readonly threshold?: number;

  /**
   * Length of one evaluation period; a whole number of minutes.
   *
   * @default - the catalog's value
   */
  readonly period?: Duration;

  /**
   * Periods the alarm looks back over.
   *
   * @default - the catalog's value
   */
  readonly evaluationPeriods?: number;

  /**
   * Periods among `evaluationPeriods` that must breach (M of N).
   *
   * @default - the catalog's value
   */
  readonly datapointsToAlarm?: number;

  /**
   * What a period without matching events means.
   *
   * @default - the catalog's value
   */
  readonly treatMissingData?: TreatMissingData;

  /**
   * Severity used for routing and in messages.
   *
   * @default - the catalog's value
   */
  readonly severity?: Severity;

  /**
   * Topic that this detection's alarm and rule notify, instead of the severity route or
   * the default topic.
   *
   * @default - the severity route for the detection's severity, else the default topic
   */
  readonly topic?: sns.ITopic;
}

/**
 * Send the notifications of detections of one severity to their own topic, for example
 * CRITICAL to a paging service and LOW to a ticket queue.
 */
export interface SeverityRoute {
  /** The severity routed. */
  readonly severity: Severity;

  /** The topic its notifications go to. */
  readonly topic: sns.ITopic;
}
