import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createBaselineApp } from '../../examples/baseline/app';
import { DetectionCatalog } from '../../src/detections';

/** The example baseline as `cdk synth` writes it, read back from the cloud assembly. */
function synthesizeExample(): Record<string, any> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'example-baseline-'));
  try {
    const assembly = createBaselineApp(outdir).synth();
    const stack = assembly.getStackByName('ExampleBaseline');
    return JSON.parse(fs.readFileSync(path.join(outdir, stack.templateFile), 'utf8')).Resources;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

const REFERENCE = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'reference', 'cis-metric-filters.json'), 'utf8'),
).patterns as Record<string, string[]>;

describe('the example baseline template', () => {
  const resources = Object.values(synthesizeExample());
  const ofType = (type: string) => resources.filter((resource) => resource.Type === type).map((r) => r.Properties);
  const filters = ofType('AWS::Logs::MetricFilter');
  const rules = ofType('AWS::Events::Rule');

  test.each(DetectionCatalog.iamAttack().map((detection) => detection.id))(
    'holds a metric filter or an EventBridge rule naming %s',
    (id) => {
      const filter = filters.some((f) => f.MetricTransformations.some((m: any) => m.MetricName === id));
      const rule = rules.some((r) => typeof r.Description === 'string' && r.Description.startsWith(`${id}:`));
      expect({ id, named: filter || rule }).toEqual({ id, named: true });
    },
  );

  test('holds exactly 15 metric filters with the Security Hub text, one per control', () => {
    const controlOf = (pattern: string) =>
      Object.keys(REFERENCE).filter((control) => REFERENCE[control][0] === pattern);
    const matched = filters.flatMap((f) => controlOf(f.FilterPattern));
    expect(matched).toHaveLength(15);
    expect([...matched].sort()).toEqual(Object.keys(REFERENCE).sort());
  });
});
