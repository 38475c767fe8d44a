import { awscdk, javascript } from 'projen';
import { UpdateSnapshot } from 'projen/lib/javascript';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-iam-guardrails',
  description:
    'CDK constructs that defend AWS accounts and organizations against IAM-targeted attacks: ' +
    'a hardened CloudTrail, detections with alarms, account hardening, compliance checks, ' +
    'a cdk-nag rule pack and an offline CloudTrail replay.',
  author: 'cdk-iam-guardrails maintainers',
  authorAddress: 'security@example.com',
  repositoryUrl: 'https://github.com/example/cdk-iam-guardrails.git',
  keywords: ['cdk', 'aws-cdk', 'iam', 'security', 'cloudtrail', 'detection', 'cdk-nag', 'guardrails'],
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  release: false,
  minNodeVersion: '20.16.0',
  workflowNodeVersion: '20.x',

  cdkVersion: '2.258.0',
  cdkVersionPinning: false,
  constructsVersion: '10.5.1',
  jsiiVersion: '~6.0.0',
  typescriptVersion: '~6.0.0',

  peerDeps: ['cdk-nag@^3.0.0'],
  peerDependencyOptions: { pinnedDevDependency: false },
  bundledDeps: ['cli-progress@3.12.0', 'ipaddr.js@2.2.0'],
  devDeps: [
    'aws-cdk-lib@2.276.0',
    'constructs@10.8.1',
    'cdk-nag@3.0.2',
    '@types/cli-progress@3.11.6',
    '@types/aws-lambda@8.10.164',
    '@aws-sdk/client-iam@3.1178.0',
    '@aws-sdk/client-cloudwatch-logs@3.1178.0',
    '@aws-sdk/client-sns@3.1178.0',
    '@aws-sdk/client-dynamodb@3.1178.0',
    '@aws-sdk/lib-dynamodb@3.1178.0',
    'aws-sdk-client-mock@4.1.0',
    'esbuild@0.28.2',
  ],

  jestOptions: {
    jestVersion: '^30',
    updateSnapshot: UpdateSnapshot.NEVER,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/setup.ts'],
    },
  },
  tsJestOptions: { transformOptions: { isolatedModules: true } },
  typecheckTests: true,

  gitignore: ['cdk.out/', '/bench-data/', '/.bindings/'],
  npmIgnoreOptions: {
    ignorePatterns: ['/examples/', '/bench-data/', '/.bindings/', '/bench/', '/cdk.out/', '/.ci/'],
  },
});

// jsii language targets are declared for the bindings; CI generates their code without
// packaging them (packaging other languages needs registries that CI cannot reach).
const jsiiTargets = {
  python: { distName: 'cdk-iam-guardrails', module: 'cdk_iam_guardrails' },
  java: {
    package: 'io.github.cdkiamguardrails',
    maven: { groupId: 'io.github.cdk-iam-guardrails', artifactId: 'cdk-iam-guardrails' },
  },
  dotnet: { namespace: 'CdkIamGuardrails', packageId: 'CdkIamGuardrails' },
  go: { moduleName: 'github.com/example/cdk-iam-guardrails-go' },
};
project.package.file.addOverride('jsii.targets', jsiiTargets);

const jsiiEnv = { JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20' };
for (const name of ['compile', 'docgen', 'package:js', 'package-all']) {
  const task = project.tasks.tryFind(name);
  for (const [key, value] of Object.entries(jsiiEnv)) task?.env(key, value);
}

const bindings = project.addTask('bindings', {
  description: 'Generates the Python, Java, .NET and Go bindings (code only) to prove they build',
  env: jsiiEnv,
  exec: 'jsii-pacmak --code-only --targets python,java,dotnet,go --outdir .bindings',
});

const bin = 'cdk-iam-guardrails';
project.addBins({ [bin]: 'lib/cli/main.js' });

const tsNode = 'ts-node --transpile-only --project test/tsconfig.json';
const example = project.addTask('example', {
  description: 'Synthesizes the example baseline and replays the bundled CloudTrail records through it',
});
example.spawn(project.bundler.bundleTask);
example.exec(`${tsNode} examples/baseline/app.ts`);
example.exec(
  `${tsNode} src/cli/main.ts replay --template cdk.out/ExampleBaseline.template.json ` +
    'test/fixtures/cloudtrail',
);

const bench = project.addTask('bench', {
  description: 'Measures replay throughput and memory on a million generated CloudTrail records, '
    + 'then the organization guardrails\' synth time and template size',
  exec: `${tsNode} bench/replay-bench.ts`,
});
const organizationBench = project.addTask('bench:organization', {
  description: 'Measures synth time and template size of the organization guardrails for 1, 100 '
    + 'and 1000 accounts and organizational units',
  exec: `${tsNode} bench/organization-bench.ts`,
});
bench.spawn(organizationBench);

// The tests need the bundled Lambda handlers and prove the jsii bindings generate.
project.testTask.prependSpawn(project.bundler.bundleTask);
project.testTask.spawn(project.compileTask);
project.testTask.spawn(bindings);

project.tsconfigDev.addInclude('../examples/**/*.ts');
project.tsconfigDev.addInclude('../bench/**/*.ts');

project.buildWorkflow?.addPostBuildJob('bindings', {
  runsOn: ['ubuntu-latest'],
  permissions: {},
  steps: [
    { uses: 'actions/checkout@v4' },
    { uses: 'actions/setup-node@v4', with: { 'node-version': '20.x' } },
    { run: 'npm ci' },
    { run: 'npx projen compile && npx projen bindings' },
  ],
});

project.synth();
