import { CIS_DETECTIONS } from './cis-detections';
import { Detection } from './detection';
import { IAM_ATTACK_DETECTIONS } from './iam-attack-detections';

/**
 * The detections the library ships: the IAM-attack track (on by default in
 * `IamThreatDetection`) and the CIS track (opt-in).
 */
export class DetectionCatalog {
  /** Every detection of both tracks. */
  public static all(): Detection[] {
    return [...IAM_ATTACK_DETECTIONS, ...CIS_DETECTIONS];
  }

  /** The IAM-attack track. */
  public static iamAttack(): Detection[] {
    return [...IAM_ATTACK_DETECTIONS];
  }

  /** The CIS / Security Hub CloudWatch track. */
  public static cis(): Detection[] {
    return [...CIS_DETECTIONS];
  }

  /** The ids of every detection of both tracks. */
  public static ids(): string[] {
    return DetectionCatalog.all().map((detection) => detection.id);
  }

  /**
   * One detection by id.
   *
   * @throws when no detection has that id
   */
  public static get(id: string): Detection {
    const found = DetectionCatalog.all().find((detection) => detection.id === id);
    if (!found) {
      throw new Error(
        `No detection has the id '${id}'. Known ids: ${DetectionCatalog.ids().join(', ')}.`,
      );
    }
    return found;
  }

  private constructor() {}
}
