import { MetricSeries, simulateAlarm } from '../../src/replay/alarm-simulator';
import { AlarmSpec } from '../../src/replay/model';

const T0 = Date.parse('2025-01-01T00:00:00Z');
const MIN = 60_000;

function alarm(overrides: Partial<AlarmSpec> = {}): AlarmSpec {
  return {
    template: 't.json',
    logicalId: 'Alarm',
    namespace: 'IamGuardrails',
    metricName: 'ConsoleSignInFailures',
    statistic: 'Sum',
    period: 60,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    threshold: 3,
    comparison: 'GreaterThanOrEqualToThreshold',
    treatMissingData: 'notBreaching',
    ...overrides,
  };
}

/** A series with `counts[i]` datapoints of `value` in minute i (undefined = no data). */
function series(counts: Array<number | undefined>, value = 1, period = 60): MetricSeries {
  const s = new MetricSeries(period);
  counts.forEach((count, minute) => {
    for (let i = 0; i < (count ?? 0); i++) s.add(T0 + minute * MIN + i, value);
  });
  return s;
}

const range = (minutes: number) => ({ first: T0, last: T0 + (minutes - 1) * MIN });

describe('alarm simulation', () => {
  test.each([
    ['reaches the threshold', [3], 'GreaterThanOrEqualToThreshold', true],
    ['stays under the threshold', [2], 'GreaterThanOrEqualToThreshold', false],
    ['equals the threshold with a strict comparison', [3], 'GreaterThanThreshold', false],
    ['exceeds the threshold with a strict comparison', [4], 'GreaterThanThreshold', true],
  ])('a sum that %s', (_name, counts, comparison, expected) => {
    const outcome = simulateAlarm(alarm({ comparison }), series(counts), range(1));
    expect(outcome.wentToAlarm).toBe(expected);
  });

  test('names the end of the first breaching period as the time it goes to ALARM', () => {
    const outcome = simulateAlarm(alarm(), series([1, 0, 5]), range(3));
    expect(outcome.firstAlarmAt).toBe('2025-01-01T00:03:00.000Z');
  });

  test('counts every time it goes to ALARM, with the first and the last', () => {
    const outcome = simulateAlarm(alarm(), series([5, 0, 0, 5]), range(5));
    expect(outcome).toMatchObject({
      alarmCount: 2,
      firstAlarmAt: '2025-01-01T00:01:00.000Z',
      lastAlarmAt: '2025-01-01T00:04:00.000Z',
      finalState: 'OK',
    });
  });

  test('counts a return to OK in the first window past a breach, before the next breach', () => {
    const outcome = simulateAlarm(alarm({ evaluationPeriods: 2 }), series([5, 0, 0, 5]), range(4));
    expect(outcome).toMatchObject({ alarmCount: 2, lastAlarmAt: '2025-01-01T00:04:00.000Z' });
  });

  test('counts a breach that continues as one time in ALARM', () => {
    const outcome = simulateAlarm(alarm(), series([5, 5, 5]), range(3));
    expect(outcome).toMatchObject({ alarmCount: 1, breachingPeriods: 3 });
  });

  test('ends in ALARM when the input ends inside a breaching period', () => {
    const outcome = simulateAlarm(alarm(), series([0, 5]), range(2));
    expect(outcome).toMatchObject({ alarmCount: 1, finalState: 'ALARM' });
  });

  test('counts no time in ALARM when no window breaches', () => {
    const outcome = simulateAlarm(alarm(), series([2, 2]), range(2));
    expect(outcome).toMatchObject({ alarmCount: 0, firstAlarmAt: undefined, lastAlarmAt: undefined });
  });

  test.each([
    ['Sum', 4, 2, true],
    ['SampleCount', 1, 4, true],
    ['Average', 2, 3, false],
    ['Maximum', 5, 1, true],
    ['Minimum', 2, 3, false],
  ])('applies the %s statistic', (statistic, value, count, expected) => {
    const outcome = simulateAlarm(alarm({ statistic, threshold: 4 }), series([count], value), range(1));
    expect(outcome.wentToAlarm).toBe(expected);
  });

  test.each([
    // evaluation periods, datapoints to alarm, per-minute sums, expected
    [3, 3, [5, 5, 0, 5], false],
    [3, 3, [5, 5, 5], true],
    [3, 2, [5, 0, 5], true],
    [3, 2, [5, 0, 0, 5], false],
    [5, 2, [5, 0, 0, 0, 5], true],
  ])('%i evaluation periods, %i datapoints to alarm over %j', (n, m, sums, expected) => {
    const outcome = simulateAlarm(alarm({ evaluationPeriods: n, datapointsToAlarm: m }),
      series(sums.map((s) => (s === 0 ? undefined : s))), range(sums.length));
    expect(outcome.wentToAlarm).toBe(expected);
  });

  test.each([
    ['breaching', true],
    ['notBreaching', false],
    ['missing', false],
    ['ignore', false],
  ])('treats missing data as %s', (treatMissingData, expected) => {
    // One breaching minute, then two without data: 3 of 3 only when missing breaches.
    const outcome = simulateAlarm(alarm({ evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData }),
      series([5]), range(3));
    expect(outcome.wentToAlarm).toBe(expected);
  });

  test('ends in INSUFFICIENT_DATA when the last window has no data and missing is missing', () => {
    const outcome = simulateAlarm(alarm({ treatMissingData: 'missing' }), series([5]), range(3));
    expect(outcome.finalState).toBe('INSUFFICIENT_DATA');
  });

  test('keeps ALARM through windows without data when missing data is ignored', () => {
    const outcome = simulateAlarm(alarm({ treatMissingData: 'ignore' }), series([5]), range(3));
    expect(outcome.finalState).toBe('ALARM');
  });

  test('returns to OK after the breach when missing data does not breach', () => {
    const outcome = simulateAlarm(alarm(), series([5]), range(3));
    expect(outcome).toMatchObject({ wentToAlarm: true, finalState: 'OK' });
  });

  test('buckets datapoints by the alarm period', () => {
    // 3 failures spread over three minutes: one 5-minute period holds them all.
    const outcome = simulateAlarm(alarm({ period: 300 }), series([1, 1, 1], 1, 300), range(3));
    expect(outcome.wentToAlarm).toBe(true);
  });

  test('keeps a bucket only for periods that received data', () => {
    const s = new MetricSeries(60);
    s.add(T0, 1);
    s.add(T0 + 1000 * MIN, 1);
    expect(s.buckets.size).toBe(2);
  });

  test('refuses an alarm it cannot simulate', () => {
    expect(() => simulateAlarm(alarm({ notSimulated: 'anomaly detection' }), series([1]), range(1)))
      .toThrow(/anomaly detection/);
  });
});
