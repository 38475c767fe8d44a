import * as path from 'path';
import { Stack, Stage, Token, aws_s3_assets as s3assets, cx_api as cxapi } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** Largest template CloudFormation accepts inline (`TemplateBody`), in bytes. */
const MAX_TEMPLATE_BODY = 51_200;

/** Where a StackSet finds its template: exactly one of the two fields is set. */
export interface BaselineTemplateConfig {
  /**
   * The template, inline.
   *
   * @default - the template is read from `templateUrl`
   */
  readonly templateBody?: string;

  /**
   * An S3 URL of the template.
   *
   * @default - the template is inline in `templateBody`
   */
  readonly templateUrl?: string;
}

/**
 * The per-account template a `BaselineStackSet` rolls out.
 */
export abstract class BaselineTemplate {
  /**
   * The template of a CDK stack you build.
   *
   * Build the stack in a `Stage` of its own (`new Stage(app, 'MemberBaseline')`), so that
   * `cdk deploy` does not deploy it to the management account, without an `env` (it is
   * deployed to every target account and Region) and with
   * `synthesizer: new BootstraplessSynthesizer()` (member accounts are not bootstrapped).
   * Add every construct before passing the stack: the stage is synthesized here.
   *
   * The stack must not use assets (Lambda code bundles, Docker images, files): StackSets
   * cannot publish them to each target account and Region. A template up to 51,200 bytes
   * is inlined; a larger one is uploaded as an asset of the StackSet's own stack.
   */
  public static fromStack(stack: Stack): BaselineTemplate {
    return new StackTemplate(stack);
  }

  /**
   * A template already in S3 (an `https://` URL CloudFormation can read).
   */
  public static fromUrl(url: string): BaselineTemplate {
    return new UrlTemplate(url);
  }

  /** Produces the template location for the StackSet defined in `scope`. */
  public abstract bind(scope: Construct): BaselineTemplateConfig;
}

class UrlTemplate extends BaselineTemplate {
  constructor(private readonly url: string) {
    super();
  }

  public bind(scope: Construct): BaselineTemplateConfig {
    if (!Token.isUnresolved(this.url) && !this.url.startsWith('https://')) {
      throw new Error(`${scope.node.path}: template URL ${JSON.stringify(this.url)} is not an `
        + 'https:// URL; give the S3 object URL of the template');
    }
    return { templateUrl: this.url };
  }
}

class StackTemplate extends BaselineTemplate {
  constructor(private readonly stack: Stack) {
    super();
  }

  public bind(scope: Construct): BaselineTemplateConfig {
    const where = `${scope.node.path}: per-account stack ${this.stack.node.path}`;
    const stage = Stage.of(this.stack);
    if (!stage || stage === Stage.of(scope)) {
      throw new Error(`${where} is in the same stage as the StackSet, so cdk deploy would also `
        + 'deploy it to this account; create it in a Stage of its own (new Stage(app, '
        + '\'MemberBaseline\'))');
    }
    if (!Token.isUnresolved(this.stack.account) || !Token.isUnresolved(this.stack.region)) {
      throw new Error(`${where} has env ${this.stack.account}/${this.stack.region}; leave env `
        + 'unset: the StackSet deploys it to every target account and Region');
    }

    const artifact = stage.synth().getStackArtifact(this.stack.artifactId);
    checkNoAssets(where, artifact);
    const template = artifact.template;
    if (template.Parameters?.BootstrapVersion || template.Rules?.CheckBootstrapVersion) {
      throw new Error(`${where} checks the CDK bootstrap version, which member accounts do not `
        + 'have; create it with synthesizer: new BootstraplessSynthesizer()');
    }

    const body = JSON.stringify(template);
    if (Buffer.byteLength(body) <= MAX_TEMPLATE_BODY) return { templateBody: body };
    const asset = new s3assets.Asset(scope, 'Template', { path: artifact.templateFullPath });
    return { templateUrl: asset.httpUrl };
  }
}

function checkNoAssets(where: string, artifact: cxapi.CloudFormationStackArtifact): void {
  const templateFile = path.basename(artifact.templateFullPath);
  const assets: string[] = [];
  for (const dependency of artifact.dependencies) {
    if (!cxapi.AssetManifestArtifact.isAssetManifestArtifact(dependency)) continue;
    const contents = dependency.contents;
    for (const file of Object.values(contents.files ?? {})) {
      if (file.source.path !== templateFile) assets.push(file.source.path ?? 'a file');
    }
    for (const image of Object.values(contents.dockerImages ?? {})) {
      assets.push(image.source.directory ?? image.source.executable?.join(' ') ?? 'an image');
    }
  }
  if (assets.length > 0) {
    throw new Error(`${where} uses assets (${assets.join(', ')}), which a StackSet cannot `
      + 'publish to every target account and Region; inline the code (lambda.Code.fromInline) '
      + 'or deploy it from a bucket replicated to every target Region');
  }
}
