import { CustomResource, Duration, Stack, Token } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct, IConstruct } from 'constructs';
import { PasswordPolicyFunction } from './password-policy-function';
import { PasswordPolicySettings, resolvePasswordPolicy } from './password-policy-settings';
import { deploymentProvider } from '../private/deployment-provider';

/**
 * What happens to the account password policy when the `AccountPasswordPolicy` resource
 * is deleted (stack deletion, or removal from the app).
 */
export enum PasswordPolicyOnDelete {
  /** Leave the policy the stack applied in place. */
  RETAIN = 'Retain',
  /**
   * Put back the policy the account had before the stack created the resource, or delete
   * the policy when the account had none.
   */
  RESTORE_PREVIOUS = 'RestorePrevious',
  /** Delete the account password policy, leaving IAM's defaults. */
  DELETE = 'Delete',
}

/** Properties of an `AccountPasswordPolicy`. */
export interface AccountPasswordPolicyProps extends PasswordPolicySettings {
  /**
   * What to do with the account password policy when this resource is deleted.
   *
   * @default PasswordPolicyOnDelete.RETAIN
   */
  readonly onDelete?: PasswordPolicyOnDelete;
}

/** Which account password policies exist in an app, per account, to refuse a second one. */
const CLAIMS = new WeakMap<IConstruct, Array<{ path: string; account: string }>>();

/**
 * The IAM account password policy, applied by a custom resource.
 *
 * CloudFormation has no resource type for the account password policy, so a Lambda
 * handler calls `iam:UpdateAccountPasswordPolicy`. It runs behind the custom-resource
 * Provider framework, so that a crash or a timeout of the handler still reaches
 * CloudFormation as FAILED with a reason, never as a stack waiting for an hour.
 *
 * The defaults satisfy CIS AWS Foundations and Security Hub IAM.7 and IAM.11 to IAM.17.
 * An account has one password policy: a second `AccountPasswordPolicy` for the same
 * account in the same app is refused.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
 */
export class AccountPasswordPolicy extends Construct {
  /** The Lambda function that applies the policy. */
  public readonly handler: lambda.IFunction;

  /** The custom resource that holds the policy. */
  public readonly resource: CustomResource;

  /**
   * The settings the policy applies, every default filled in. `IamConfigRules` reads them
   * through its `accountPasswordPolicy` prop, so its password rule checks what is applied.
   */
  public readonly settings: PasswordPolicySettings;

  constructor(scope: Construct, id: string, props: AccountPasswordPolicyProps = {}) {
    super(scope, id);

    const policy = resolvePasswordPolicy(this.node.path, props);
    this.settings = policy;
    this.claimAccount();

    const { handler, provider } = deploymentProvider(this, {
      what: 'password policy handler',
      service: 'IAM',
      policyDescription: 'Lets the account password policy handler manage the password policy.',
      roleDescription: 'Runs the account password policy handler.',
      actions: [
        'iam:GetAccountPasswordPolicy',
        'iam:UpdateAccountPasswordPolicy',
        'iam:DeleteAccountPasswordPolicy',
      ],
      wildcardReason:
        'iam:Get/Update/DeleteAccountPasswordPolicy act on the account itself and support no ' +
        'resource-level permissions, so IAM accepts only "*" as their resource.',
      logsHold: 'request ids and IAM error messages about the password policy',
      createHandler: (role, logGroup) => new PasswordPolicyFunction(this, 'Handler', {
        description: 'Applies the IAM account password policy (cdk-iam-guardrails).',
        role,
        logGroup,
        timeout: Duration.minutes(10),
        memorySize: 256,
      }),
    });
    this.handler = handler;

    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::AccountPasswordPolicy',
      properties: {
        MinimumPasswordLength: policy.minimumPasswordLength,
        RequireUppercaseCharacters: policy.requireUppercaseCharacters,
        RequireLowercaseCharacters: policy.requireLowercaseCharacters,
        RequireNumbers: policy.requireNumbers,
        RequireSymbols: policy.requireSymbols,
        PasswordReusePrevention: policy.passwordReusePrevention,
        MaxPasswordAge: policy.maxPasswordAge,
        AllowUsersToChangePassword: policy.allowUsersToChangePassword,
        HardExpiry: policy.hardExpiry,
        OnDelete: props.onDelete ?? PasswordPolicyOnDelete.RETAIN,
      },
    });
  }

  /**
   * Refuses a second password policy for the same account in this app. An account that is
   * a token (an environment-agnostic stack) may be any account, so it clashes with every
   * other one.
   */
  private claimAccount(): void {
    const root = this.node.root;
    const account = Stack.of(this).account;
    const claims = CLAIMS.get(root) ?? [];
    const clash = claims.find(
      (claim) =>
        claim.account === account || Token.isUnresolved(claim.account) || Token.isUnresolved(account),
    );
    if (clash) {
      const which = Token.isUnresolved(account) ? 'an account not known at synth time' : `account ${account}`;
      throw new Error(
        `${this.node.path}: an AccountPasswordPolicy for ${which} already exists at ${clash.path}; ` +
          'an account has one password policy. Keep one AccountPasswordPolicy per account, ' +
          'and give stacks an explicit env.account when they deploy to different accounts.',
      );
    }
    claims.push({ path: this.node.path, account });
    CLAIMS.set(root, claims);
  }
}
