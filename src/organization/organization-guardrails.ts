import { Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { BaselineStackSet, BaselineStackSetProps, StackSetCallAs } from './baseline-stack-set';
import { DelegatedAdministrators } from './delegated-administrators';
import { GuardrailNamePrefixes, GuardrailProtectionPolicy } from './guardrail-protection-policy';
import { AuditTrail, AuditTrailProps } from '../trail';
import { checkAccountId } from './private/validation';

const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;

/** Properties of `OrganizationGuardrails`. */
export interface OrganizationGuardrailsProps {
  /** The organization's id (`o-xxxxxxxxxx`). */
  readonly organizationId: string;

  /**
   * The security account (12 digits) made delegated administrator of Security Hub,
   * GuardDuty, IAM Access Analyzer and AWS Config.
   */
  readonly securityAccountId: string;

  /**
   * Name of the break-glass role, the same in every account, that the protection policy
   * lets change the guardrails.
   */
  readonly breakGlassRoleName: string;

  /**
   * Organizational units (`ou-...`) or the root (`r-...`) the protection policy is
   * attached to.
   */
  readonly protectedTargetIds: string[];

  /**
   * The per-account baseline and where to roll it out.
   *
   * @default - no StackSet
   */
  readonly baseline?: BaselineStackSetProps;

  /**
   * Create an organization trail (an `AuditTrail` recording every account).
   *
   * @default true
   */
  readonly organizationTrail?: boolean;

  /**
   * Settings of the organization trail; `organizationTrail` and `organizationId` are set
   * here.
   *
   * @default - the `AuditTrail` defaults
   */
  readonly trailOptions?: AuditTrailProps;

  /**
   * Designate the security account as delegated administrator.
   *
   * @default true
   */
  readonly delegatedAdministrators?: boolean;

  /**
   * Name prefixes of the guardrail resources the protection policy covers.
   *
   * @default - the defaults of `GuardrailNamePrefixes`
   */
  readonly namePrefixes?: GuardrailNamePrefixes;
}

/**
 * The organization side of the guardrails, for the management account: an organization
 * trail, the security account as delegated administrator of the security services, a
 * service control policy that keeps member accounts from switching the guardrails off,
 * and, when given, a StackSet that rolls the per-account baseline out to organizational
 * units and Regions.
 *
 * Deploy it in the organization's management account: organization trails, delegated
 * administrator registration and service control policies are made there. A delegated
 * administrator for AWS Organizations policies and StackSets can hold the protection policy
 * and the StackSet: pass `callAs: StackSetCallAs.DELEGATED_ADMIN` in `baseline` and set
 * `organizationTrail` and `delegatedAdministrators` to false (they stay in the management
 * account). In the security account, deploy `OrganizationAutoEnable` and `CentralEventBus`.
 *
 * Cost: see the parts: the organization trail's first copy of management events is free,
 * the protection policy and the StackSet are free; the services it turns on bill per
 * account and Region.
 *
 * @see https://docs.aws.amazon.com/organizations/latest/userguide/orgs_best-practices_mgmt-acct.html
 */
export class OrganizationGuardrails extends Construct {
  /** The organization trail, when created. */
  public readonly trail?: AuditTrail;

  /** The delegated administrator designations, when requested. */
  public readonly administrators?: DelegatedAdministrators;

  /** The service control policy that protects the guardrails. */
  public readonly protectionPolicy: GuardrailProtectionPolicy;

  /** The baseline StackSet, when a baseline was given. */
  public readonly baselineStackSet?: BaselineStackSet;

  constructor(scope: Construct, id: string, props: OrganizationGuardrailsProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.organizationId) && !ORGANIZATION_ID.test(props.organizationId)) {
      throw new Error(`${this.node.path}: organizationId ${JSON.stringify(props.organizationId)} `
        + 'is not an organization id; use the form o-xxxxxxxxxx');
    }
    checkAccountId(this, 'securityAccountId', props.securityAccountId);
    if (props.baseline?.callAs === StackSetCallAs.DELEGATED_ADMIN) {
      // A delegated administrator cannot register administrators, and the trail's bucket and
      // key policies name a trail of the deploying account: both belong to the management account.
      const managementOnly = (['organizationTrail', 'delegatedAdministrators'] as const)
        .filter((name) => props[name] ?? true);
      if (managementOnly.length > 0) {
        throw new Error(`${this.node.path}: baseline.callAs is DELEGATED_ADMIN, so this stack `
          + `deploys in a delegated administrator account, where ${managementOnly.join(' and ')} `
          + 'cannot be made; set them to false here and create them from the management account');
      }
    }

    if (props.organizationTrail ?? true) {
      this.trail = new AuditTrail(this, 'Trail', {
        ...props.trailOptions,
        organizationTrail: true,
        organizationId: props.organizationId,
      });
    }

    if (props.delegatedAdministrators ?? true) {
      this.administrators = new DelegatedAdministrators(this, 'Administrators', {
        adminAccountId: props.securityAccountId,
      });
    }

    this.protectionPolicy = new GuardrailProtectionPolicy(this, 'Protection', {
      ...props.namePrefixes,
      targetIds: props.protectedTargetIds,
      breakGlassRoleName: props.breakGlassRoleName,
    });

    if (props.baseline) {
      this.baselineStackSet = new BaselineStackSet(this, 'Baseline', props.baseline);
    }
  }
}
