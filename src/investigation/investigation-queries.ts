import { CfnResource, Duration, Token } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { InvestigationLink } from './investigation-link';
import { detectionQuery, FIELDS } from './private/detection-query';
import { IamThreatDetection } from '../detection/iam-threat-detection';
import { Detection } from '../detections/detection';

/** Properties of `InvestigationQueries`. */
export interface InvestigationQueriesProps {
  /** The CloudTrail log group the queries search. */
  readonly logGroup: logs.ILogGroup;

  /**
   * A detection construct: one query for each detection it holds when the queries are
   * created (call `addDetection` for detections added to it later).
   *
   * @default - only `detections`
   */
  readonly threatDetection?: IamThreatDetection;

  /**
   * Detections to write queries for, next to those of `threatDetection`.
   *
   * @default - none
   */
  readonly detections?: Detection[];

  /**
   * Prefix of the query names; the console shows `/` as folders.
   *
   * @default 'IamGuardrails/'
   */
  readonly namePrefix?: string;

  /**
   * How far back a query opened from `consoleUrl` looks.
   *
   * @default Duration.hours(24)
   */
  readonly lookback?: Duration;
}

const MAX_NAME = 255;
/** Logs Insights QL parameter of the principal timeline. */
const PRINCIPAL = 'principal';

/**
 * Saved CloudWatch Logs Insights queries for investigating what the detections report:
 * one per detection, listing its matching events with who made them (`userIdentity`), what
 * they did (`eventSource`, `eventName`, the request in `@message`), from where
 * (`sourceIPAddress`, `awsRegion`, `userAgent`) and when; and one principal timeline with
 * a `{{principal}}` parameter (an ARN, an access key id, a role or session name).
 *
 * Each query filters like its detection: the filter pattern is translated to a Logs
 * Insights condition. A pattern that cannot be translated (`IS NULL`, term patterns)
 * falls back to the event names it requires, and its query name ends in
 * `(event names only)`. Saved queries cost nothing; running one costs 0.005 USD per GB of
 * log data scanned.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AnalyzingLogData.html
 */
export class InvestigationQueries extends Construct {
  /** The principal timeline query. */
  public readonly principalTimeline: logs.QueryDefinition;

  private readonly props: InvestigationQueriesProps;
  private readonly prefix: string;
  private readonly timelineText: string;
  private readonly queries = new Map<string, { definition: logs.QueryDefinition; text: string }>();

  constructor(scope: Construct, id: string, props: InvestigationQueriesProps) {
    super(scope, id);
    this.props = props;
    this.prefix = props.namePrefix ?? 'IamGuardrails/';
    const lookback = props.lookback ?? Duration.hours(24);
    if (!Token.isUnresolved(lookback.toSeconds({ integral: false })) && lookback.toSeconds({ integral: false }) < 60) {
      throw new Error(`${this.node.path}: lookback is ${lookback.toHumanString()}; give at least Duration.minutes(1).`);
    }
    if (!props.threatDetection && !props.detections?.length) {
      throw new Error(
        `${this.node.path}: neither threatDetection nor detections is given, so there is nothing to ` +
          'write queries for. Pass the IamThreatDetection, or a list of detections.',
      );
    }

    for (const detection of [...(props.threatDetection?.detections ?? []), ...(props.detections ?? [])]) {
      this.addDetection(detection);
    }

    const p = `"{{${PRINCIPAL}}}"`;
    const timeline = new logs.QueryString({
      fields: FIELDS,
      filterStatements: [
        `userIdentity.arn like ${p} or userIdentity.accessKeyId = ${p} or userIdentity.principalId like ${p}`
          + ` or requestParameters.userName = ${p} or requestParameters.roleName = ${p}`
          + ` or requestParameters.accessKeyId = ${p}`,
      ],
      sort: 'eventTime asc',
      limit: 10000,
    });
    this.timelineText = timeline.toString();
    this.principalTimeline = this.define('PrincipalTimeline', `${this.prefix}PrincipalTimeline`, timeline);
    (this.principalTimeline.node.defaultChild as CfnResource).addPropertyOverride('Parameters', [{
      Name: PRINCIPAL,
      Description: 'An ARN or part of one (user, role or session name), an access key id, or '
        + 'a user or role name acted upon',
    }]);
  }

  /** The detections that have a query, by id. */
  public get detectionIds(): string[] {
    return [...this.queries.keys()];
  }

  /**
   * Adds the query of one detection.
   *
   * @throws when the detection already has a query here
   */
  public addDetection(detection: Detection): logs.QueryDefinition {
    if (this.queries.has(detection.id)) {
      throw new Error(`${this.node.path}: detection '${detection.id}' already has a query here.`);
    }
    const { query, text, fallback } = detectionQuery(detection);
    const suffix = fallback ? ' (event names only)' : '';
    const name = `${this.prefix}${detection.id}${suffix}`.slice(0, MAX_NAME);
    const definition = this.define(detection.id, name, query);
    this.queries.set(detection.id, { definition, text });
    return definition;
  }

  /** The saved query of a detection. */
  public query(detectionId: string): logs.QueryDefinition {
    return this.entry(detectionId).definition;
  }

  /** The Logs Insights text of a detection's query. */
  public queryString(detectionId: string): string {
    return this.entry(detectionId).text;
  }

  /**
   * The CloudWatch console address that opens the detection's query on the log group,
   * ready to run over the lookback period. Put it in alarm and rule messages. It can run
   * past 1,000 characters for long patterns; alarm descriptions hold at most 1,024.
   */
  public consoleUrl(detectionId: string): string {
    return this.url(this.queryString(detectionId));
  }

  /** The console address of the principal timeline (the console asks for the principal). */
  public principalTimelineConsoleUrl(): string {
    return this.url(this.timelineText);
  }

  private url(query: string): string {
    return InvestigationLink.forQuery(this, query, this.props.logGroup, this.props.lookback);
  }

  private define(id: string, name: string, queryString: logs.QueryString): logs.QueryDefinition {
    return new logs.QueryDefinition(this, id, {
      queryDefinitionName: name,
      queryString,
      logGroups: [this.props.logGroup],
    });
  }

  private entry(detectionId: string) {
    const found = this.queries.get(detectionId);
    if (!found) {
      throw new Error(
        `${this.node.path}: no query for detection '${detectionId}'. Present: ${this.detectionIds.join(', ')}.`,
      );
    }
    return found;
  }
}
