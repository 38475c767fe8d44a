import { parseArgs } from 'util';
import { BufferedOutput } from './buffered-output';
import { CliCommand, CliIo, UsageError } from './command';
import { EventsShown, JsonOutput, ReplayOutput, TableOutput } from './replay-output';
import { Reporter } from './reporter';
import { plural } from '../private/plural';
import { listInputs, readCloudTrail } from '../replay/cloudtrail-reader';
import { ReplayEngine } from '../replay/engine';
import { readTemplates } from '../replay/template-reader';

/** Inputs smaller than this finish before a progress bar would be worth drawing. */
const PROGRESS_MIN_BYTES = 16 * 1024 * 1024;

const USAGE = `usage: cdk-iam-guardrails replay --template <template.json> [options] <input>...

Runs CloudTrail records through the metric filters, alarms and event rules of
synthesized CloudFormation templates, offline, and shows which detections fire.

<input>                 CloudTrail files or directories (searched recursively for
                        .json and .json.gz): single records, {"Records": [...]} log
                        files as CloudTrail writes them to S3, or JSON lines; '-' reads
                        standard input
-t, --template <file>   a synthesized template, or a cloud assembly directory such
                        as cdk.out for all its templates (repeat for several)
    --region <region>   event rules see only records of this awsRegion; by default
                        they see every Region, as when events are forwarded to one
                        Region (metric filters always see every record)
    --json              print one JSON document: events, detections, problems
    --events <which>    records to list: matched (default for the table), all
                        (default for --json) or none
-q, --quiet             print only the detections table
-h, --help              show this help

Exit code 0 when the input was replayed (even if some records were bad), 1 for a
usage error or when nothing could be read.
`;

function parse(args: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        template: { type: 'string', short: 't', multiple: true },
        region: { type: 'string' },
        json: { type: 'boolean' },
        events: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const templates = values.template ?? [];
  if (templates.length === 0) throw new UsageError('no --template given');
  if (positionals.length === 0) throw new UsageError('no CloudTrail input given (files, directories or -)');
  const events = values.events;
  if (events !== undefined && events !== 'all' && events !== 'matched' && events !== 'none') {
    throw new UsageError(`--events must be matched, all or none, not '${events}'`);
  }
  if (values.region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(values.region)) {
    throw new UsageError(`--region '${values.region}' is not a Region name such as us-east-1`);
  }
  return {
    templates,
    inputs: positionals,
    region: values.region,
    json: values.json ?? false,
    quiet: values.quiet ?? false,
    events: events as EventsShown | undefined,
  };
}

async function run(args: string[], io: CliIo): Promise<number> {
  const options = parse(args);
  const reporter = new Reporter(io.stderr, 'replay');

  const model = readTemplates(options.templates, reporter);
  if (model.filters.length + model.rules.length === 0) {
    throw new Error('no metric filter or event rule could be read from the templates; nothing to replay');
  }
  const engine = new ReplayEngine(model, { region: options.region });

  const inputs = await listInputs(options.inputs, reporter);
  if (inputs.length === 0) throw new Error('no CloudTrail input files found');

  const out = new BufferedOutput(io.stdout);
  const shown: EventsShown = options.events ?? (options.json ? 'all' : 'matched');
  const output: ReplayOutput = options.json
    ? new JsonOutput(out, shown)
    : new TableOutput(out, options.quiet ? 'none' : shown);
  const listsAll = shown === 'all';

  const total = inputs.reduce((sum, input) => sum + input.size, 0);
  if (!options.quiet && total >= PROGRESS_MIN_BYTES) reporter.startProgress(total);
  let bytes = 0;
  let records = 0;
  try {
    records = await readCloudTrail(inputs, reporter, (file, index, record) => {
      const detections = engine.process(record);
      if (listsAll || detections.length > 0) {
        output.event(file, index, record.eventName, detections, engine.alerts);
      }
    }, {
      stdin: io.stdin,
      onBytes: (n) => {
        bytes += n;
        records = engine.recordCount;
        reporter.progress(bytes, records);
      },
      flush: () => out.drain(),
    });
  } finally {
    reporter.stopProgress();
  }

  if (engine.untimedRecords > 0) {
    reporter.problem(`${plural(engine.untimedRecords, 'matching record')} had no readable eventTime; `
      + 'they are counted but left out of the alarm simulation');
  }
  const range = engine.timeRange();
  await output.finish(engine.results(), {
    templates: options.templates,
    files: inputs.length,
    records,
    firstEventTime: range ? new Date(range.first).toISOString() : undefined,
    lastEventTime: range ? new Date(range.last).toISOString() : undefined,
    region: options.region,
    problems: reporter.kept,
    problemCount: reporter.count,
    notDetections: model.notDetections ?? [],
  });
  if (records === 0) throw new Error('no CloudTrail record could be read from the input');
  return 0;
}

/** `cdk-iam-guardrails replay`. */
export const command: CliCommand = {
  summary: 'replay CloudTrail records through synthesized templates and show what fires',
  usage: USAGE,
  run,
};
