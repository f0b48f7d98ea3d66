/**
 * Every regular-expression literal in the readers (packages/io/src) and the command line
 * (packages/cli/src), checked for super-linear backtracking with recheck (a ReDoS checker: it
 * decides by automata theory and fuzzing whether a pattern needs more than linear time on some
 * input, and gives that input). Used by test/fuzz/regex-audit.test.ts.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import * as ts from 'typescript';
import { checkSync } from 'recheck';

export interface RegexFinding {
  file: string;
  line: number;
  pattern: string;
  complexity: string;
  attack?: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The regex literals of a TypeScript file: [source, flags, line]. */
export function regexLiterals(path: string): { source: string; flags: string; line: number }[] {
  const text = readFileSync(path, 'utf8');
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true);
  const out: { source: string; flags: string; line: number }[] = [];
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const literal = node.getText(file);
      const end = literal.lastIndexOf('/');
      out.push({
        source: literal.slice(1, end),
        flags: literal.slice(end + 1),
        line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1,
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

/** Patterns recheck finds super-linear (polynomial or exponential), with an attack string. */
export function auditRegexes(root: string, folders: string[]): { checked: number; findings: RegexFinding[] } {
  const findings: RegexFinding[] = [];
  let checked = 0;
  for (const folder of folders) {
    for (const path of sourceFiles(join(root, folder))) {
      for (const { source, flags, line } of regexLiterals(path)) {
        checked++;
        const diagnostics = checkSync(source, flags.replace(/[gy]/g, ''), { timeout: 10_000 });
        if (diagnostics.status === 'vulnerable') {
          findings.push({
            file: relative(root, path),
            line,
            pattern: `/${source}/${flags}`,
            complexity:
              diagnostics.complexity.type === 'polynomial' ? `polynomial (degree ${diagnostics.complexity.degree})` : 'exponential',
            attack: diagnostics.attack.pattern,
          });
        } else if (diagnostics.status === 'unknown') {
          findings.push({
            file: relative(root, path),
            line,
            pattern: `/${source}/${flags}`,
            complexity: `unknown (${diagnostics.error.kind})`,
          });
        }
      }
    }
  }
  return { checked, findings };
}
