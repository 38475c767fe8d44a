import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { GlobalEventForwarder } from '../../src/detection';

function stackIn(region: string): Stack {
  return new Stack(new App(), 'Forwarder', { env: { account: '111122223333', region } });
}

describe('GlobalEventForwarder', () => {
  test('forwards IAM, STS and sign-in events, read-only ones included, to the target Region', () => {
    const stack = stackIn('us-east-1');
    new GlobalEventForwarder(stack, 'Forwarder', { targetRegion: 'eu-west-1' });
    Template.fromStack(stack).hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['aws.iam', 'aws.sts', 'aws.signin'] },
      State: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
      Targets: [
        {
          Arn: {
            'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':events:eu-west-1:111122223333:event-bus/default']],
          },
          Id: 'Target0',
          RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ForwarderRuleEventsRole'), 'Arn'] },
        },
      ],
    });
  });

  test('refuses a stack outside us-east-1', () => {
    expect(() => new GlobalEventForwarder(stackIn('eu-west-1'), 'F', { targetRegion: 'eu-central-1' })).toThrow(
      /the stack is in eu-west-1, but global-service events reach EventBridge in us-east-1 only/,
    );
  });

  test('refuses forwarding to its own Region', () => {
    expect(() => new GlobalEventForwarder(stackIn('us-east-1'), 'F', { targetRegion: 'us-east-1' })).toThrow(
      /targetRegion is us-east-1, the forwarder's own Region/,
    );
  });
});
