import { Annotations, Stack, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledgeInCompliancePacks } from '../private/compliance-packs';

/** Properties of an `MfaEnforcement`. */
export interface MfaEnforcementProps {
  /**
   * Groups whose members must sign in with MFA.
   *
   * @default - when neither `groups` nor `users` is given, a group is created and its
   * members are enforced; add users to `MfaEnforcement.group`
   */
  readonly groups?: iam.IGroup[];

  /**
   * Users who must sign in with MFA.
   *
   * @default - when neither `groups` nor `users` is given, a group is created
   */
  readonly users?: iam.IUser[];

  /**
   * IAM user names the policy does not restrict, such as a break-glass user whose MFA
   * device is kept in a safe. The exemption is a `StringNotLike` condition on
   * `aws:username` in each deny statement, so it holds even when an exempt user is a
   * member of an enforced group. Monitor the sign-ins of these users.
   *
   * @default - no user is exempt
   */
  readonly exemptUserNames?: string[];

  /**
   * The name of the customer managed policy.
   *
   * @default - a name CloudFormation generates
   */
  readonly managedPolicyName?: string;
}

/** Actions a user may call without MFA: enough to set up MFA, change a password, get a session. */
const WITHOUT_MFA = [
  'iam:ChangePassword',
  'iam:CreateVirtualMFADevice',
  'iam:EnableMFADevice',
  'iam:GetAccountPasswordPolicy',
  'iam:GetMFADevice',
  'iam:GetUser',
  'iam:ListMFADevices',
  'iam:ListVirtualMFADevices',
  'iam:ResyncMFADevice',
  'sts:GetSessionToken',
];

/** The subset of `WITHOUT_MFA` that names a user or an MFA device. */
const ON_OWN_RESOURCES = [
  'iam:ChangePassword',
  'iam:CreateVirtualMFADevice',
  'iam:EnableMFADevice',
  'iam:GetMFADevice',
  'iam:GetUser',
  'iam:ListMFADevices',
  'iam:ResyncMFADevice',
];

const USER_NAME = /^[\w+=,.@-]{1,64}$/;
const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;

/**
 * Requires MFA: a customer managed policy that denies every action except setting up
 * one's own MFA device, changing one's own password and getting an MFA session, unless
 * the request was authenticated with MFA.
 *
 * The deny uses `BoolIfExists` on `aws:MultiFactorAuthPresent`, as AWS's example policy
 * does, so requests signed with long-term access keys (where the key is absent) are
 * denied too: command-line users call `sts:GetSessionToken` with their MFA code first.
 * Changing a password is allowed without MFA so that a user with a new or expired
 * password can sign in and then set up MFA.
 *
 * The policy grants the self-service actions itself; it grants nothing else, so pair it
 * with the users' own permissions.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_my-sec-creds-self-manage.html
 */
export class MfaEnforcement extends Construct {
  /** The customer managed policy. */
  public readonly policy: iam.ManagedPolicy;

  /** The group this construct created, when neither `groups` nor `users` was given. */
  public readonly group?: iam.Group;

  constructor(scope: Construct, id: string, props: MfaEnforcementProps = {}) {
    super(scope, id);

    const exempt = this.checkExemptUserNames(props.exemptUserNames);
    const name = props.managedPolicyName;
    if (name !== undefined && !Token.isUnresolved(name) && !POLICY_NAME.test(name)) {
      throw new Error(
        `${this.node.path}: managedPolicyName is "${name}"; an IAM policy name has 1 to 128 ` +
          'letters, digits and + = , . @ _ -. Rename it or leave it unset.',
      );
    }
    const given = props.groups !== undefined || props.users !== undefined;
    const targets = (props.groups?.length ?? 0) + (props.users?.length ?? 0);
    if (given && targets === 0) {
      throw new Error(
        `${this.node.path}: groups and users list no group and no user, so the policy would ` +
          'apply to nobody. Pass at least one group or user, or leave both unset to create a group.',
      );
    }

    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      managedPolicyName: props.managedPolicyName,
      description: 'Denies every action except MFA setup and password change until the user signs in with MFA.',
      document: this.document(exempt),
      groups: props.groups,
      users: props.users,
    });

    this.acknowledgeFindings(props.users !== undefined && props.users.length > 0);

    if (!given) {
      this.group = new iam.Group(this, 'Group', { managedPolicies: [this.policy] });
      acknowledgeInCompliancePacks(this.group, 'IAMGroupHasUsers',
        'Created empty on purpose: it is where console users go (group.addUser, or membership '
          + 'managed outside this stack) to have MFA required of them.');
    }

    if (exempt.length > 0) {
      Annotations.of(this).addWarningV2(
        'cdk-iam-guardrails:MfaExemptUsers',
        `${exempt.length} user(s) are exempt from MFA enforcement (${exempt.join(', ')}). ` +
          'Keep them for break-glass use and alarm on their sign-ins.',
      );
    }
  }

  private acknowledgeFindings(attachedToUsers: boolean): void {
    const stack = Stack.of(this);
    const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
    const wildcards: Array<[string, string]> = [
      [
        '*',
        'iam:GetAccountPasswordPolicy, iam:ListVirtualMFADevices and sts:GetSessionToken support ' +
          'no resource-level permissions, and the deny statement must cover every resource.',
      ],
      [
        `arn:<AWS::Partition>:iam::${account}:user/*/<aws:username>`,
        'Matches the caller\'s own user when it has a path; user names are unique in an account ' +
          'whatever their path, so the wildcard names one user only.',
      ],
      [
        `arn:<AWS::Partition>:iam::${account}:mfa/*/<aws:username>`,
        'Matches the caller\'s own virtual MFA device created under a path; device names follow ' +
          'the user name, so the wildcard names that user\'s device only.',
      ],
    ];
    const resource = this.policy.node.defaultChild!;
    for (const [wildcard, reason] of wildcards) {
      Validations.of(resource).acknowledge({ id: `AwsSolutions-IAM5[Resource::${wildcard}]`, reason });
    }
    if (attachedToUsers) {
      const reason = 'The MFA requirement is attached to the users named in MfaEnforcement.users so ' +
        'that it binds them even when they belong to no group.';
      acknowledgeInCompliancePacks(resource, 'IAMUserNoPolicies', reason);
      Validations.of(resource).acknowledge({ id: 'IamGuardrails-IG6', reason });
    }
  }

  private checkExemptUserNames(names: string[] | undefined): string[] {
    if (names === undefined) return [];
    if (names.length === 0) {
      throw new Error(
        `${this.node.path}: exemptUserNames is an empty list. Name at least one IAM user, ` +
          'or leave exemptUserNames unset to exempt nobody.',
      );
    }
    for (const name of names) {
      if (Token.isUnresolved(name)) continue;
      if (!USER_NAME.test(name)) {
        throw new Error(
          `${this.node.path}: exemptUserNames contains "${name}", which is not an IAM user name ` +
            '(1 to 64 letters, digits and + = , . @ _ -). Give the user name, not an ARN.',
        );
      }
    }
    return names;
  }

  private document(exempt: string[]): iam.PolicyDocument {
    const stack = Stack.of(this);
    const iamArn = (resource: string, resourceName: string) =>
      stack.formatArn({ service: 'iam', region: '', resource, resourceName });
    // User names are unique in an account whatever their path, so "*/name" is still one user.
    const ownUser = [iamArn('user', '${aws:username}'), iamArn('user', '*/${aws:username}')];
    const ownMfa = [iamArn('mfa', '${aws:username}'), iamArn('mfa', '*/${aws:username}')];

    const withoutMfa: { [operator: string]: unknown } = {
      BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' },
    };
    if (exempt.length > 0) withoutMfa.StringNotLike = { 'aws:username': exempt };

    return new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({
          sid: 'AllowViewAccountInfo',
          // These actions support no resource-level permissions. sts:GetSessionToken needs
          // no permission at all; it is listed so the policy reads as complete.
          actions: ['iam:GetAccountPasswordPolicy', 'iam:ListVirtualMFADevices', 'sts:GetSessionToken'],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'AllowManageOwnPasswordAndMfa',
          actions: [
            'iam:ChangePassword',
            'iam:DeactivateMFADevice',
            'iam:EnableMFADevice',
            'iam:GetMFADevice',
            'iam:GetUser',
            'iam:ListMFADevices',
            'iam:ResyncMFADevice',
          ],
          resources: ownUser,
        }),
        new iam.PolicyStatement({
          sid: 'AllowCreateOwnVirtualMfaDevice',
          actions: ['iam:CreateVirtualMFADevice'],
          resources: ownMfa,
        }),
        new iam.PolicyStatement({
          sid: 'DenyAllExceptListedIfNoMfa',
          effect: iam.Effect.DENY,
          notActions: WITHOUT_MFA,
          resources: ['*'],
          conditions: withoutMfa,
        }),
        new iam.PolicyStatement({
          sid: 'DenyOthersCredentialsIfNoMfa',
          effect: iam.Effect.DENY,
          actions: ON_OWN_RESOURCES,
          notResources: [...ownUser, ...ownMfa],
          conditions: withoutMfa,
        }),
      ],
    });
  }
}
