import { parseArgs } from 'util';
import { BufferedOutput } from './buffered-output';
import { CliCommand, CliIo, UsageError } from './command';
import { Reporter } from './reporter';
import {
  absentPrincipalLine,
  jsonReport,
  sortTimeline,
  textReport,
  TimelineEntry,
  timelineEntry,
} from '../investigation/investigation-report';
import { actorKeys, PrincipalChain, principalKey } from '../investigation/principal-chain';
import { CATALOG_SOURCE, catalogTemplate } from '../investigation/private/catalog-template';
import { listInputs, readCloudTrail, sourceLabel } from '../replay/cloudtrail-reader';
import { ReplayEngine } from '../replay/engine';
import { ReplayModel } from '../replay/model';
import { ProblemList, ProblemSink } from '../replay/problems';
import { readTemplate, readTemplates } from '../replay/template-reader';

const USAGE = `usage: cdk-iam-guardrails investigate --principal <who> [options] <input>...

Follows a principal through CloudTrail records: its actions as a timeline, and what it
created or empowered (access keys, users, login profiles, policies, trust policies,
role sessions), followed transitively to what those did in turn.

<input>                  CloudTrail files or directories (searched recursively for
                         .json and .json.gz): single records, {"Records": [...]} log
                         files, or JSON lines. Standard input is not accepted: the
                         input is read twice.
-p, --principal <who>    an ARN (user, role or session), an access key id, or a role
                         session name (repeat for several)
-t, --template <file>    a synthesized template, or a cloud assembly directory such
                         as cdk.out: each action lists the detections of the
                         templates it fires (repeat for several); by default, those
                         of the library's IAM-attack catalog
    --json               print one JSON document
-h, --help               show this help

The first pass keeps the records that can hand power on (IAM writes, AssumeRole) and
follows the chain in eventTime order; the second lists every action of the identities
followed, sorted by eventTime (records in files need not be in order). Memory grows
with those records, not with the input.

A principal that made none of the records is named as such (in the text, and on stderr
with --json); that is a finding, not a failure: the exit code is still 0. Exit code 1
for a usage error or when nothing could be read.
`;

function parse(args: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        principal: { type: 'string', short: 'p', multiple: true },
        template: { type: 'string', short: 't', multiple: true },
        json: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const principals = (values.principal ?? []).map((p) => p.trim()).filter((p) => p !== '');
  if (principals.length === 0) throw new UsageError('no --principal given (an ARN, access key id or session name)');
  if (positionals.length === 0) throw new UsageError('no CloudTrail input given (files or directories)');
  if (positionals.includes('-')) {
    throw new UsageError("standard input ('-') cannot be investigated: the input is read twice; save it to a file");
  }
  return { principals, templates: values.template ?? [], inputs: positionals, json: values.json ?? false };
}

/** The detections each action is checked against: the templates', or the catalog's. */
function detectionModel(templates: string[], reporter: ProblemSink): ReplayModel {
  if (templates.length === 0) {
    const model: ReplayModel = { filters: [], rules: [], alarms: [] };
    readTemplate(CATALOG_SOURCE, catalogTemplate(), model, reporter);
    return model;
  }
  const model = readTemplates(templates, reporter);
  if (model.filters.length + model.rules.length === 0) {
    throw new Error('no metric filter or event rule could be read from the templates');
  }
  return model;
}

async function run(args: string[], io: CliIo): Promise<number> {
  const options = parse(args);
  const reporter = new Reporter(io.stderr, 'investigate');

  const engine = new ReplayEngine(detectionModel(options.templates, reporter));

  const inputs = await listInputs(options.inputs, reporter);
  if (inputs.length === 0) throw new Error('no CloudTrail input files found');

  const chain = new PrincipalChain(options.principals);
  const records = await readCloudTrail(inputs, reporter, (file, index, record) => {
    chain.offer(record, sourceLabel(file, index));
  });
  if (records === 0) throw new Error('no CloudTrail record could be read from the input');
  chain.resolve();

  // The second pass reads the same files; their problems were reported by the first.
  const timeline: TimelineEntry[] = [];
  const principalKeys = new Set(options.principals.map(principalKey));
  const seen = new Set<string>();
  await readCloudTrail(inputs, new ProblemList(), (file, index, record) => {
    const source = sourceLabel(file, index);
    const as = chain.followedActor(record) ?? chain.linkedBy(source);
    if (as === undefined) return;
    for (const key of actorKeys(record)) if (principalKeys.has(key)) seen.add(key);
    const detections = [...engine.process(record)];
    timeline.push(timelineEntry(record, source, as, detections));
  });

  const facts = {
    files: inputs.length,
    records,
    templates: options.templates,
    detectionsFrom: options.templates.length > 0 ? options.templates : [CATALOG_SOURCE],
    problems: reporter.kept,
  };
  const absent = options.principals.filter((p) => !seen.has(principalKey(p)));
  const out = new BufferedOutput(io.stdout);
  const sorted = sortTimeline(timeline);
  if (options.json) {
    absent.forEach((p) => reporter.note(absentPrincipalLine(p)));
    out.write(jsonReport(chain, sorted, facts));
  } else {
    out.write(textReport(chain, sorted, facts, absent));
  }
  await out.drain();
  return 0;
}

/** `cdk-iam-guardrails investigate`. */
export const command: CliCommand = {
  summary: 'follow a principal through CloudTrail: its actions and what it handed power to',
  usage: USAGE,
  run,
};
