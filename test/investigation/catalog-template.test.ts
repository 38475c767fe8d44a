import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { adapted } from './records';
import { IamThreatDetection } from '../../src/detection';
import { DetectionCatalog } from '../../src/detections';
import { catalogTemplate } from '../../src/investigation/private/catalog-template';
import { ReplayEngine } from '../../src/replay/engine';
import { ReplayModel } from '../../src/replay/model';
import { ProblemList } from '../../src/replay/problems';
import { readTemplate } from '../../src/replay/template-reader';
import { loadCorpus } from '../support/corpus';

function engineOf(template: any): ReplayEngine {
  const model: ReplayModel = { filters: [], rules: [], alarms: [] };
  const problems = new ProblemList();
  readTemplate('template', template, model, problems);
  expect(problems.messages).toEqual([]);
  return new ReplayEngine(model);
}

function synthesized(): any {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111122223333', region: 'us-east-1' } });
  new IamThreatDetection(stack, 'Detection', { logGroup: new logs.LogGroup(stack, 'Trail') });
  return Template.fromStack(stack).toJSON();
}

describe('the detections investigate names without a template', () => {
  const fromCatalog = engineOf(catalogTemplate());
  const fromTemplate = engineOf(synthesized());
  const fired = (engine: ReplayEngine, record: any) => [...new Set(engine.process(record))].sort();

  test('are the IAM-attack track', () => {
    expect(fromCatalog.detectionIds.sort()).toEqual(DetectionCatalog.iamAttack().map((d) => d.id).sort());
  });

  test('fire on every corpus record as a default IamThreatDetection template does', () => {
    const records = loadCorpus([]).map((c) => c.record);
    expect(records.length).toBeGreaterThan(50);
    for (const record of records) {
      expect({ event: record.eventName, fired: fired(fromCatalog, record) })
        .toEqual({ event: record.eventName, fired: fired(fromTemplate, record) });
    }
  });

  test('judge an inline policy document for full privileges', () => {
    const star = adapted('admin-policy-grant__put-user-policy-action-star-array-console.json', '2025-06-01T00:00:00Z');
    expect(fired(fromCatalog, star)).toContain('AdminPrivilegesGranted');
  });
});
