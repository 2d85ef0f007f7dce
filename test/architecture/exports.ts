// Finds exports no other file imports (like ts-prune): named, re-exported (`export *` too), namespace and dynamic imports
// across pipeline/, site/, edge/ and test/ count as uses; a namespace or dynamic import uses every export of its target.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export interface UnusedExport {
  file: string;
  name: string;
  /** The name occurs elsewhere in its own file (the export is dead, the code is not). */
  usedInFile: boolean;
}

const SKIP = new Set(['node_modules', 'dist', '.wrangler']);

function walk(root: string, dir: string, out: string[]): void {
  for (const name of readdirSync(join(root, dir))) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) walk(root, path, out);
    else if (/\.(ts|mts|mjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
}

export function unusedExports(root: string): UnusedExport[] {
  const files: string[] = [];
  for (const top of ['pipeline', 'site', 'edge', 'test']) walk(root, top, files);
  const target = (from: string, spec: string): string | undefined => {
    if (!spec.startsWith('.')) return undefined;
    const base = resolve(dirname(join(root, from)), spec);
    const hit = [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, join(base, 'index.ts')].find((c) => existsSync(c) && statSync(c).isFile());
    return hit && relative(root, hit);
  };
  const exported = new Map<string, Set<string>>();
  const used = new Map<string, Set<string>>(); // file → names other files import from it
  const usedWhole = new Set<string>();
  const stars = new Map<string, string[]>(); // file → files it `export *`s
  const use = (file: string, name: string) => used.set(file, (used.get(file) ?? new Set()).add(name));

  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const names = new Set<string>();
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        const to = target(file, node.moduleSpecifier.text);
        const clause = node.importClause;
        if (to && clause?.name) use(to, 'default');
        if (to && clause?.namedBindings && ts.isNamespaceImport(clause.namedBindings)) usedWhole.add(to);
        if (to && clause?.namedBindings && ts.isNamedImports(clause.namedBindings))
          for (const e of clause.namedBindings.elements) use(to, (e.propertyName ?? e.name).text);
      } else if (ts.isExportDeclaration(node)) {
        const to = node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) ? target(file, node.moduleSpecifier.text) : undefined;
        if (!node.exportClause && to) stars.set(file, [...(stars.get(file) ?? []), to]);
        else if (node.exportClause && ts.isNamedExports(node.exportClause))
          for (const e of node.exportClause.elements) {
            names.add(e.name.text);
            if (to) use(to, (e.propertyName ?? e.name).text);
          }
      } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        const arg = node.arguments[0];
        const to = arg && ts.isStringLiteral(arg) ? target(file, arg.text) : undefined;
        if (to) usedWhole.add(to);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    for (const st of source.statements) {
      const mods = ts.canHaveModifiers(st) ? ts.getModifiers(st) : undefined;
      if (!mods?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
      if (mods.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) names.add('default');
      else if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) ts.isIdentifier(d.name) && names.add(d.name.text);
      else if ('name' in st && st.name && ts.isIdentifier(st.name as ts.Node)) names.add((st.name as ts.Identifier).text);
    }
    exported.set(file, names);
  }
  // A name imported from a file that `export *`s another counts for the file that defines it.
  for (const [from, targets] of stars)
    for (const to of targets) {
      if (usedWhole.has(from)) usedWhole.add(to);
      for (const name of used.get(from) ?? []) use(to, name);
    }

  const unused: UnusedExport[] = [];
  for (const [file, names] of exported) {
    if (file.startsWith('test/') || usedWhole.has(file)) continue;
    const text = readFileSync(join(root, file), 'utf8');
    for (const name of names)
      if (!used.get(file)?.has(name)) unused.push({ file, name, usedInFile: (text.match(new RegExp(`\\b${name}\\b`, 'g')) ?? []).length > 1 });
  }
  return unused.sort((a, b) => a.file.localeCompare(b.file) || a.name.localeCompare(b.name));
}
