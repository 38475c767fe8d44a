import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { validateEmails } from './private/validation';

/** Properties of an `AlarmTopic`. */
export interface AlarmTopicProps {
  /**
   * Email addresses subscribed to the topic. Each address must confirm its subscription
   * from the message SNS sends it.
   *
   * @default - no subscriptions
   */
  readonly emails?: string[];

  /**
   * The key that encrypts the topic. CloudWatch and EventBridge must be allowed to use it;
   * a key the construct creates allows them.
   *
   * @default - a customer managed key with rotation, retained when the stack is deleted
   */
  readonly key?: kms.IKey;
}

/**
 * The encrypted SNS topic that detection alarms and rules notify.
 *
 * Its policy lets CloudWatch alarms and EventBridge rules of this account publish, lets
 * Security Hub read its subscriptions (the CIS CloudWatch controls check that an alarm's
 * topic has a subscriber), and refuses requests that do not use TLS.
 */
export class AlarmTopic extends Construct {
  /** The topic. */
  public readonly topic: sns.Topic;

  /** The key that encrypts the topic. */
  public readonly key: kms.IKey;

  constructor(scope: Construct, id: string, props: AlarmTopicProps = {}) {
    super(scope, id);
    const emails = validateEmails(this.node.path, props.emails ?? []);
    const account = Stack.of(this).account;

    this.key = props.key ?? this.createKey(account);

    this.topic = new sns.Topic(this, 'Topic', {
      masterKey: this.key,
      enforceSSL: true,
      displayName: 'IAM guardrails alarms',
    });

    for (const service of ['cloudwatch.amazonaws.com', 'events.amazonaws.com']) {
      this.topic.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: `Allow${service.split('.')[0]}Publish`,
          principals: [new iam.ServicePrincipal(service)],
          actions: ['sns:Publish'],
          resources: [this.topic.topicArn],
          conditions: { StringEquals: { 'aws:SourceAccount': account } },
        }),
      );
    }
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowSecurityHubReadSubscriptions',
        principals: [new iam.ServicePrincipal('securityhub.amazonaws.com')],
        actions: ['sns:ListSubscriptionsByTopic', 'sns:GetTopicAttributes'],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    );

    for (const email of emails) {
      this.topic.addSubscription(new subscriptions.EmailSubscription(email));
    }
  }

  private createKey(account: string): kms.Key {
    const key = new kms.Key(this, 'Key', {
      description: 'Encrypts the IAM guardrails alarm topic',
      enableKeyRotation: true,
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowAlarmAndRuleServicesToPublishEncrypted',
        principals: [
          new iam.ServicePrincipal('cloudwatch.amazonaws.com'),
          new iam.ServicePrincipal('events.amazonaws.com'),
        ],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    );
    return key;
  }
}
