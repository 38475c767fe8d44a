import * as fs from 'fs';
import * as path from 'path';
import { Detection, DetectionCatalog } from '../../src/detections';
import { LogPattern } from '../../src/patterns';
import { SiemRecordFilter } from '../../src/siem';

const CORPUS = path.join(__dirname, '..', 'fixtures', 'cloudtrail');
const records: Array<[string, any]> = fs.readdirSync(CORPUS)
  .filter((file) => file.endsWith('.json'))
  .map((file) => [file, JSON.parse(fs.readFileSync(path.join(CORPUS, file), 'utf8'))]);

const iamAttack = LogPattern.parse(SiemRecordFilter.iamAttack().filterPattern);
const detectionPatterns = DetectionCatalog.iamAttack().map(
  (d): [Detection, LogPattern] => [d, LogPattern.parse(d.filterPattern)]);

describe('SiemRecordFilter', () => {
  test('iamAttack() fits in one subscription filter pattern', () => {
    expect(SiemRecordFilter.iamAttack().filterPattern.length).toBeLessThanOrEqual(1024);
  });

  const matched = records.filter(([, record]) => detectionPatterns.some(([, p]) => p.matchesRecord(record)));

  test('the corpus holds records the detections match', () => {
    expect(matched.length).toBeGreaterThan(20);
  });

  test.each(matched)('iamAttack() lets through %s, which a detection matches', (_file, record) => {
    expect(iamAttack.matchesRecord(record)).toBe(true);
  });

  test.each(DetectionCatalog.iamAttack().map((d) => [d.id, d] as [string, Detection]))(
    'iamAttack() lets through every corpus record %s matches', (_id, detection) => {
      const own = LogPattern.parse(detection.filterPattern);
      const missed = records.filter(([, r]) => own.matchesRecord(r) && !iamAttack.matchesRecord(r));
      expect(missed.map(([file]) => file)).toEqual([]);
    });

  test.each(['benign__get-caller-identity.json', 'benign__describe-instances-unauthorized.json',
    'benign__get-policy.json'])('iamAttack() holds back %s', (file) => {
    const record = records.find(([name]) => name === file)![1];
    expect(iamAttack.matchesRecord(record)).toBe(false);
  });

  test('detections() matches exactly what the chosen detections match', () => {
    const chosen = [DetectionCatalog.get('RootActivity'), DetectionCatalog.get('AccessKeyCreated')];
    const joined = LogPattern.parse(SiemRecordFilter.detections(chosen).filterPattern);
    const own = chosen.map((d) => LogPattern.parse(d.filterPattern));
    const disagreements = records.filter(([, r]) =>
      joined.matchesRecord(r) !== own.some((p) => p.matchesRecord(r)));
    expect(disagreements.map(([file]) => file)).toEqual([]);
  });

  test('allRecords() is the empty pattern', () => {
    expect(SiemRecordFilter.allRecords().filterPattern).toBe('');
  });

  test('pattern() keeps a valid pattern as given', () => {
    expect(SiemRecordFilter.pattern('{ $.eventName = "CreateUser" }').filterPattern)
      .toBe('{ $.eventName = "CreateUser" }');
  });

  const bad: Array<[string, () => unknown, RegExp]> = [
    ['an unparsable pattern', () => SiemRecordFilter.pattern('{ $.eventName = '),
      /is not a CloudWatch Logs filter pattern/],
    ['a pattern over 1024 characters',
      () => SiemRecordFilter.pattern(`{ ${Array(80).fill('$.a = "bbbbbb"').join(' || ')} }`), /over the 1024/],
    ['too many detections', () => SiemRecordFilter.detections(DetectionCatalog.iamAttack()),
      /over the 1024.*iamAttack\(\)/],
    ['no detection', () => SiemRecordFilter.detections([]), /the list is empty/],
  ];
  test.each(bad)('refuses %s', (_what, make, message) => {
    expect(make).toThrow(message);
  });
});
