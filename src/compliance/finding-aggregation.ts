/**
 * Which Regions' Security Hub findings are copied into the Region that holds the
 * `SecurityHubStandards` (the aggregation Region).
 *
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/finding-aggregation.html
 */
export class FindingAggregation {
  /** Every Region Security Hub is enabled in, including Regions AWS adds later. */
  public static allRegions(): FindingAggregation {
    return new FindingAggregation('ALL_REGIONS', []);
  }

  /** Every Region Security Hub is enabled in, except those named. */
  public static allRegionsExcept(regions: string[]): FindingAggregation {
    return new FindingAggregation('ALL_REGIONS_EXCEPT_SPECIFIED', regions);
  }

  /** Only the Regions named (besides the aggregation Region itself). */
  public static specifiedRegions(regions: string[]): FindingAggregation {
    return new FindingAggregation('SPECIFIED_REGIONS', regions);
  }

  /** The `RegionLinkingMode` of the `AWS::SecurityHub::FindingAggregator`. */
  public readonly regionLinkingMode: string;

  /** The Regions named, empty for `allRegions()`. */
  public readonly regions: string[];

  private constructor(regionLinkingMode: string, regions: string[]) {
    this.regionLinkingMode = regionLinkingMode;
    this.regions = [...regions];
  }
}
