import * as fs from 'fs';
import * as path from 'path';
import { describeError, ProblemSink } from './problems';

/** A template to read, and how the user named it. */
export interface TemplatePath {
  readonly file: string;
  /** True when found in a cloud assembly directory rather than named by the user. */
  readonly fromAssembly: boolean;
}

/**
 * Expands the `--template` paths: a file stands for itself; a directory (a cloud assembly
 * such as cdk.out) for its `*.template.json` files, nested stacks included, and those of
 * the nested assemblies its stages write to subdirectories holding a `manifest.json`.
 * A path that does not exist is kept, to be reported when it is read.
 */
export function expandTemplatePaths(paths: string[], sink: ProblemSink): TemplatePath[] {
  return paths.flatMap((p): TemplatePath[] => {
    let isDirectory = false;
    try {
      isDirectory = fs.statSync(p).isDirectory();
    } catch {
      return [{ file: p, fromAssembly: false }];
    }
    if (!isDirectory) return [{ file: p, fromAssembly: false }];
    const found: TemplatePath[] = [];
    try {
      walkAssembly(p, found);
    } catch (error) {
      sink.problem(`${p}: cannot read the directory (${describeError(error)})`);
      return [];
    }
    if (found.length === 0) {
      sink.problem(`${p}: a directory without *.template.json files; give a cloud assembly `
        + '(such as cdk.out, after cdk synth) or template files');
    }
    return found;
  });
}

function walkAssembly(dir: string, into: TemplatePath[]): void {
  const entries = fs.readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.isFile() && entry.name.endsWith('.template.json')) {
      into.push({ file: path.join(dir, entry.name), fromAssembly: true });
    }
  }
  for (const entry of entries) {
    const sub = path.join(dir, entry.name);
    if (entry.isDirectory() && fs.existsSync(path.join(sub, 'manifest.json'))) walkAssembly(sub, into);
  }
}
