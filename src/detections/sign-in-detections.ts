import { Duration } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/aws-events';
import { FilterPattern } from 'aws-cdk-lib/aws-logs';
import { Detection } from './detection';
import { all, any, differs, equals, oneOf } from './private/cloudtrail-patterns';
import { Severity } from './severity';
import { DetectionTrack } from './track';

const SIGN_IN = 'AWS Console Sign In via CloudTrail';

// MFAUsed is "Yes" for IAM users and "YES" for root in AWS's own records; patterns are
// case-sensitive, so both spellings are named.
const mfaUsed = () => oneOf('additionalEventData.MFAUsed', ['Yes', 'YES']);
const consoleLogin = (result: string) =>
  all(equals('eventName', 'ConsoleLogin'), equals('responseElements.ConsoleLogin', result));

/**
 * Every failed console sign-in: wrong password, unknown user name (whose errorMessage is
 * not "Failed authentication"), denial by policy after valid credentials (which carries an
 * errorCode), and failed IAM Identity Center password checks. The CIS pattern keys on the
 * errorMessage and misses the last three.
 */
export const CONSOLE_SIGN_IN_FAILURES = Detection._catalog({
  id: 'ConsoleSignInFailures',
  title: 'Repeated failed console sign-ins',
  severity: Severity.MEDIUM,
  track: DetectionTrack.IAM_ATTACK,
  techniques: ['T1110.001', 'T1110.003'],
  runbook:
    'Group the failures by sourceIPAddress and userIdentity.userName. Many users from one ' +
    'address is password spraying; many attempts on one user is guessing. Block the ' +
    'addresses at the edge if you can, confirm the targeted users have MFA, and look for a ' +
    'successful ConsoleLogin from the same addresses afterwards.',
  filterPattern: any(
    consoleLogin('Failure'),
    all(
      equals('eventName', 'CredentialVerification'),
      equals('serviceEventDetails.CredentialVerification', 'Failure'),
      equals('additionalEventData.CredentialType', 'PASSWORD'),
    ),
  ).logPatternString,
  eventPattern: {
    source: ['aws.signin'],
    detail: {
      eventName: ['ConsoleLogin'],
      responseElements: { ConsoleLogin: ['Failure'] },
    },
  },
  alarm: { threshold: 5, period: Duration.minutes(5) },
});

/**
 * A wrong MFA code at sign-in. IAM users: a failed ConsoleLogin whose MFAUsed is Yes (the
 * password was right). Identity Center: a failed CredentialVerification of any factor but
 * the password.
 */
export const MFA_SIGN_IN_FAILURES = Detection._catalog({
  id: 'MfaSignInFailures',
  title: 'Repeated failed MFA checks at sign-in',
  severity: Severity.HIGH,
  track: DetectionTrack.IAM_ATTACK,
  techniques: ['T1621', 'T1110'],
  runbook:
    'The password of the named user is known to someone: its MFA check failed. Ask the ' +
    'user whether it was them. If not, reset the password at once, review the MFA devices ' +
    'registered for the user (iam:ListMFADevices), and search for sign-ins from the same ' +
    'sourceIPAddress to other users.',
  filterPattern: any(
    all(consoleLogin('Failure'), mfaUsed()),
    all(equals('eventName', 'CheckMfa'), equals('responseElements.CheckMfa', 'Failure')),
    all(
      equals('eventName', 'CredentialVerification'),
      equals('serviceEventDetails.CredentialVerification', 'Failure'),
      differs('additionalEventData.CredentialType', 'PASSWORD'),
    ),
  ).logPatternString,
  eventPattern: {
    source: ['aws.signin'],
    detail: {
      $or: [
        {
          eventName: ['ConsoleLogin'],
          responseElements: { ConsoleLogin: ['Failure'] },
          additionalEventData: { MFAUsed: ['Yes', 'YES'] },
        },
        { eventName: ['CheckMfa'], responseElements: { CheckMfa: ['Failure'] } },
        {
          eventName: ['CredentialVerification'],
          serviceEventDetails: { CredentialVerification: ['Failure'] },
          additionalEventData: { CredentialType: Match.anythingBut('PASSWORD') },
        },
      ],
    },
  },
  alarm: { threshold: 3, period: Duration.minutes(5) },
});

/**
 * A successful console sign-in by an IAM user or root without MFA. Federated sign-ins
 * (SAML, IAM Identity Center, the console broker) arrive as AssumedRole and report
 * MFAUsed No even when the identity provider enforced MFA, so they are left out.
 */
export const CONSOLE_SIGN_IN_WITHOUT_MFA = Detection._catalog({
  id: 'ConsoleSignInWithoutMfa',
  title: 'Console sign-in without MFA',
  severity: Severity.HIGH,
  track: DetectionTrack.IAM_ATTACK,
  techniques: ['T1078.004'],
  runbook:
    'A password alone opened the console. Confirm with the user; if it was not them, ' +
    'disable the login profile and access keys and review what the session did ' +
    '(userIdentity.arn in the next hour). Either way, enforce MFA for the user with ' +
    'MfaEnforcement.',
  filterPattern: all(
    consoleLogin('Success'),
    oneOf('userIdentity.type', ['IAMUser', 'Root']),
    differs('additionalEventData.MFAUsed', 'Yes'),
    differs('additionalEventData.MFAUsed', 'YES'),
  ).logPatternString,
  eventPattern: {
    source: ['aws.signin'],
    detailType: [SIGN_IN],
    detail: {
      eventName: ['ConsoleLogin'],
      responseElements: { ConsoleLogin: ['Success'] },
      userIdentity: { type: ['IAMUser', 'Root'] },
      additionalEventData: { MFAUsed: Match.anythingBut('Yes', 'YES') },
    },
  },
  globalServiceEvents: true,
});

/**
 * Any use of the root user's credentials: sign-in (successful or not), API calls with
 * root keys, read-only calls, and console actions (which older records mark
 * `invokedBy: signin.amazonaws.com`, a case the CIS pattern drops). Calls AWS services
 * make on root's behalf (other invokedBy values) and AwsServiceEvent records are left out.
 */
export const ROOT_ACTIVITY = Detection._catalog({
  id: 'RootActivity',
  title: 'Root user activity',
  severity: Severity.CRITICAL,
  track: DetectionTrack.IAM_ATTACK,
  techniques: ['T1078.004'],
  runbook:
    'Root should be used only for the few tasks that need it, by a named person under a ' +
    'change record. If nobody owns this use: change the root password, check the root MFA ' +
    'device, delete any root access keys, and review every event whose userIdentity.type ' +
    'is Root since the first unexplained one.',
  filterPattern: all(
    equals('userIdentity.type', 'Root'),
    any(
      FilterPattern.notExists('$.userIdentity.invokedBy'),
      equals('userIdentity.invokedBy', 'signin.amazonaws.com'),
    ),
    any(FilterPattern.notExists('$.eventType'), differs('eventType', 'AwsServiceEvent')),
  ).logPatternString,
  eventPattern: {
    detail: {
      userIdentity: {
        type: ['Root'],
        invokedBy: [{ exists: false }, 'signin.amazonaws.com'],
      },
      eventType: Match.anyOf(Match.anythingBut('AwsServiceEvent'), Match.doesNotExist()),
    },
  },
  includesReadOnlyEvents: true,
});
