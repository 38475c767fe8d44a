import { Names, aws_cloudformation as cloudformation } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { BaselineTemplate } from './baseline-template';
import { checkRange, checkRegions, checkTargetIds } from './private/validation';

/** The identity the StackSet is managed as. */
export enum StackSetCallAs {
  /** The organization's management account. */
  SELF = 'SELF',
  /** A delegated administrator for CloudFormation StackSets. */
  DELEGATED_ADMIN = 'DELEGATED_ADMIN',
}

/** How a StackSet operation moves through Regions. */
export enum RegionConcurrency {
  /** One Region at a time, in the order given. */
  SEQUENTIAL = 'SEQUENTIAL',
  /** All Regions at once. */
  PARALLEL = 'PARALLEL',
}

/** Properties of a `BaselineStackSet`. */
export interface BaselineStackSetProps {
  /** The per-account template. */
  readonly template: BaselineTemplate;

  /**
   * Organizational units (`ou-xxxx-yyyyyyyy`), or the root (`r-xxxx`), whose accounts get the
   * baseline. Accounts that join these units later get it too (automatic deployment).
   */
  readonly organizationalUnitIds: string[];

  /** Regions the baseline is deployed to in every account. */
  readonly regions: string[];

  /**
   * Name of the StackSet.
   *
   * @default - a name derived from the construct path
   */
  readonly stackSetName?: string;

  /**
   * Whether the StackSet is managed from the management account or a delegated administrator.
   *
   * @default StackSetCallAs.SELF
   */
  readonly callAs?: StackSetCallAs;

  /**
   * Keep the stack in an account that leaves the target units, so its evidence survives.
   *
   * @default true
   */
  readonly retainStacksOnAccountRemoval?: boolean;

  /**
   * Percentage of accounts deployed at the same time in each Region, 1 to 100.
   *
   * @default 25
   */
  readonly maxConcurrentPercentage?: number;

  /**
   * Percentage of accounts per Region that may fail before the operation stops, 0 to 100.
   *
   * @default 10
   */
  readonly failureTolerancePercentage?: number;

  /**
   * How the operation moves through Regions.
   *
   * @default RegionConcurrency.PARALLEL
   */
  readonly regionConcurrency?: RegionConcurrency;

  /**
   * Parameter values for the per-account template.
   *
   * @default - no parameters
   */
  readonly parameters?: { [name: string]: string };
}

/**
 * A service-managed CloudFormation StackSet that rolls a per-account baseline out to every
 * account of the given organizational units, in the given Regions, and to every account that
 * joins them later.
 *
 * Deploy it in the management account, or in a delegated administrator for StackSets with
 * `callAs: StackSetCallAs.DELEGATED_ADMIN`. Trusted access for CloudFormation StackSets must
 * be enabled in AWS Organizations. The StackSet never deploys to the management account.
 *
 * Targets are organizational units, never accounts, so the template does not grow with the
 * number of accounts.
 *
 * Cost: StackSets are free; you pay for what the baseline creates in each account and Region.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-manage-auto-deployment.html
 */
export class BaselineStackSet extends Construct {
  /** The StackSet. */
  public readonly stackSet: cloudformation.CfnStackSet;

  /** The StackSet's id. */
  public readonly stackSetId: string;

  constructor(scope: Construct, id: string, props: BaselineStackSetProps) {
    super(scope, id);

    checkTargetIds(this, 'organizationalUnitIds', props.organizationalUnitIds, true);
    checkRegions(this, 'regions', props.regions);
    checkRange(this, 'maxConcurrentPercentage', props.maxConcurrentPercentage, 1, 100);
    checkRange(this, 'failureTolerancePercentage', props.failureTolerancePercentage, 0, 100);

    // The L1 resource rather than the cdk-stacksets library: that library is a dependency the
    // package does not carry, and the service-managed shape needs only these properties.
    const template = props.template.bind(this);
    this.stackSet = new cloudformation.CfnStackSet(this, 'Resource', {
      stackSetName: props.stackSetName
        ?? Names.uniqueResourceName(this, { maxLength: 128, separator: '-' }),
      description: 'Per-account IAM guardrails baseline',
      permissionModel: 'SERVICE_MANAGED',
      callAs: props.callAs ?? StackSetCallAs.SELF,
      autoDeployment: {
        enabled: true,
        retainStacksOnAccountRemoval: props.retainStacksOnAccountRemoval ?? true,
      },
      capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'],
      managedExecution: { Active: true },
      operationPreferences: {
        maxConcurrentPercentage: props.maxConcurrentPercentage ?? 25,
        failureTolerancePercentage: props.failureTolerancePercentage ?? 10,
        regionConcurrencyType: props.regionConcurrency ?? RegionConcurrency.PARALLEL,
        regionOrder: props.regions,
      },
      parameters: props.parameters === undefined ? undefined
        : Object.entries(props.parameters).map(([key, value]) => ({
          parameterKey: key,
          parameterValue: value,
        })),
      stackInstancesGroup: [{
        deploymentTargets: { organizationalUnitIds: props.organizationalUnitIds },
        regions: props.regions,
      }],
      templateBody: template.templateBody,
      templateUrl: template.templateUrl,
    });
    this.stackSetId = this.stackSet.attrStackSetId;
  }
}
