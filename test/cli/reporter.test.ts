import { CliStream } from '../../src/cli/command';
import { Reporter } from '../../src/cli/reporter';

class Capture implements CliStream {
  public text = '';
  constructor(public readonly isTTY: boolean) {}
  public write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
  public once(): this {
    return this;
  }
}

describe('Reporter', () => {
  test('writes each problem on its own line, prefixed with the command', () => {
    const stderr = new Capture(false);
    new Reporter(stderr, 'replay').problem('a.json#3: record has no eventName; skipped');
    expect(stderr.text).toBe('replay: a.json#3: record has no eventName; skipped\n');
  });

  test('shows a progress bar of bytes read when stderr is a terminal', () => {
    const stderr = new Capture(true);
    const reporter = new Reporter(stderr, 'replay');
    reporter.startProgress(50 * 1024 * 1024);
    reporter.progress(25 * 1024 * 1024, 1000);
    reporter.stopProgress();
    expect(stderr.text).toContain('25.0 of 50.0 MB');
  });

  test('draws no progress bar when stderr is not a terminal', () => {
    const stderr = new Capture(false);
    const reporter = new Reporter(stderr, 'replay');
    reporter.startProgress(50 * 1024 * 1024);
    reporter.progress(25 * 1024 * 1024, 1000);
    reporter.stopProgress();
    expect(stderr.text).toBe('');
  });

  test('prints problems above the progress bar while it is shown', () => {
    const stderr = new Capture(true);
    const reporter = new Reporter(stderr, 'replay');
    reporter.startProgress(1024);
    reporter.problem('b.json: cannot read');
    reporter.stopProgress();
    expect(stderr.text).toContain('replay: b.json: cannot read\n');
  });

  test('keeps at most a thousand problems for the JSON document but counts them all', () => {
    const reporter = new Reporter(new Capture(false), 'replay');
    for (let i = 0; i < 1500; i++) reporter.problem(`p${i}`);
    expect({ kept: reporter.kept.length, count: reporter.count }).toEqual({ kept: 1000, count: 1500 });
  });
});
