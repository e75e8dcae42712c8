// Lint: no function longer than 80 lines in src/, except functions that are a
// template (their length is the generated file's, not logic's). Run by `npm run lint`.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const LIMIT = 80;
const root = path.resolve(import.meta.dirname, '..', 'src');

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** A template: most of its lines are inside template literals. */
function isTemplate(node, source) {
  let templated = 0;
  const visit = (n) => {
    if (ts.isTemplateExpression(n) || ts.isNoSubstitutionTemplateLiteral(n)) {
      const a = source.getLineAndCharacterOfPosition(n.getStart(source)).line;
      const b = source.getLineAndCharacterOfPosition(n.getEnd()).line;
      templated += b - a;
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  const a = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
  const b = source.getLineAndCharacterOfPosition(node.getEnd()).line;
  return templated * 2 > b - a;
}

const long = [];
for (const file of files(root)) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = end - start + 1;
      if (lines > LIMIT && !isTemplate(node, source)) {
        const name = node.name?.getText(source) ?? '(anonymous)';
        long.push(`${path.relative(process.cwd(), file)}:${start + 1}: ${name} is ${lines} lines (limit ${LIMIT})`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}
if (long.length > 0) {
  console.error(long.join('\n'));
  process.exit(1);
}
