// Import cycles among source files: every module that reaches itself through its imports. Every edge counts, a
// type-only one too (`import type`, `export type ... from`, `import("./x").T` in a type or a JSDoc comment), and so do
// `export ... from` and a dynamic `import()`: a cycle of types is still two modules that cannot be read one without
// the other. The files are parsed with the TypeScript compiler; relative specifiers are resolved as TypeScript does
// (`./x.js` is ./x.ts where that is the file), and only edges between the files checked count.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

/** @typedef {{ from: string, to: string, typeOnly: boolean }} Edge an import of one checked file by another */

const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const SKIPPED = new Set(["node_modules", "dist"]);

/**
 * The source files under some folders (not under node_modules or dist), sorted.
 * @param {string[]} dirs
 * @returns {string[]}
 */
export function sourceFiles(dirs) {
  /** @type {string[]} */
  const files = [];
  /** @param {string} dir */
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (!SKIPPED.has(name)) walk(path);
      } else if (SOURCE.test(name)) files.push(resolve(path));
    }
  };
  for (const dir of dirs) walk(dir);
  return files.sort();
}

/**
 * The folders the repository checks: every package's src/ and tools/src.
 * @param {string} root the repository
 */
export function checkedDirs(root) {
  const packages = join(root, "packages");
  return [
    ...readdirSync(packages)
      .map((name) => join(packages, name, "src"))
      .filter((dir) => existsSync(dir)),
    join(root, "tools/src"),
  ];
}

/**
 * The module specifiers a file imports, with whether the import is of types only.
 * @param {string} file
 * @param {string} [text] the file's text (read from disk when not given)
 * @returns {{ specifier: string, typeOnly: boolean }[]}
 */
export function importsOf(file, text = readFileSync(file, "utf8")) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  /** @type {{ specifier: string, typeOnly: boolean }[]} */
  const found = [];
  /** @param {ts.Node | undefined} node @param {boolean} typeOnly */
  const add = (node, typeOnly) => {
    if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)))
      found.push({ specifier: node.text, typeOnly });
  };
  /** @param {ts.Node} node */
  const visit = (node) => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, Boolean(node.importClause?.isTypeOnly));
    else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, node.isTypeOnly);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference))
      add(node.moduleReference.expression, node.isTypeOnly);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword)
      add(node.arguments[0], false);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal, true);
    else if (ts.isJSDocImportTag(node)) add(node.moduleSpecifier, true);
    // JSDoc comments (a JavaScript file's types) hang off the node they document, not among its children
    for (const doc of /** @type {{ jsDoc?: ts.JSDoc[] }} */ (node).jsDoc ?? []) visit(doc);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** What a relative specifier may name: the file itself, its TypeScript source, or a folder's index. */
const CANDIDATES = {
  ".js": [".ts", ".tsx", ".d.ts"],
  ".jsx": [".tsx"],
  ".mjs": [".mts", ".d.mts"],
  ".cjs": [".cts", ".d.cts"],
};

/**
 * The file a relative specifier names, if it exists.
 * @param {string} from the importing file
 * @param {string} specifier
 * @returns {string | undefined}
 */
export function resolveSpecifier(from, specifier) {
  if (!specifier.startsWith("./") && !specifier.startsWith("../")) return undefined;
  const path = resolve(dirname(from), specifier);
  const extension = /** @type {keyof typeof CANDIDATES | undefined} */ (
    Object.keys(CANDIDATES).find((e) => path.endsWith(e))
  );
  const stem = extension ? path.slice(0, -extension.length) : path;
  const candidates = [
    path,
    ...(extension ? CANDIDATES[extension].map((e) => stem + e) : []),
    ...[".ts", ".tsx", ".d.ts", ".mts", ".js", ".mjs"].map((e) => path + e),
    ...["index.ts", "index.js"].map((index) => join(path, index)),
  ];
  return candidates.find((file) => existsSync(file) && statSync(file).isFile());
}

/**
 * Every import edge between the given files.
 * @param {string[]} files absolute paths
 * @returns {Edge[]}
 */
export function importEdges(files) {
  const checked = new Set(files);
  return files.flatMap((from) =>
    importsOf(from).flatMap(({ specifier, typeOnly }) => {
      const to = resolveSpecifier(from, specifier);
      return to && checked.has(to) ? [{ from, to, typeOnly }] : [];
    }),
  );
}

/**
 * The import cycles among the given files: one per group of files that import each other (a strongly connected
 * component), shown as a path from its first file back to it.
 * @param {string[]} files absolute paths
 * @returns {Edge[][]} each cycle as its edges, in order
 */
export function importCycles(files) {
  const edges = importEdges(files);
  /** @type {Map<string, Edge[]>} */
  const out = new Map(files.map((f) => [f, []]));
  for (const edge of edges) out.get(edge.from)?.push(edge);

  // Tarjan's strongly connected components
  let counter = 0;
  /** @type {Map<string, { index: number, low: number }>} */
  const seen = new Map();
  /** @type {string[]} */
  const stack = [];
  const onStack = new Set();
  /** @type {string[][]} */
  const components = [];
  /** @param {string} file */
  const connect = (file) => {
    const entry = { index: counter, low: counter };
    counter++;
    seen.set(file, entry);
    stack.push(file);
    onStack.add(file);
    for (const { to } of out.get(file) ?? []) {
      const next = seen.get(to);
      if (!next) {
        connect(to);
        entry.low = Math.min(entry.low, /** @type {{ low: number }} */ (seen.get(to)).low);
      } else if (onStack.has(to)) entry.low = Math.min(entry.low, next.index);
    }
    if (entry.low !== entry.index) return;
    /** @type {string[]} */
    const component = [];
    let member;
    do {
      member = /** @type {string} */ (stack.pop());
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    const selfImport = (out.get(file) ?? []).some((e) => e.to === file);
    if (component.length > 1 || selfImport) components.push(component.sort());
  };
  for (const file of files) if (!seen.has(file)) connect(file);
  return components.sort((a, b) => String(a[0]).localeCompare(String(b[0]))).map((c) => cycleThrough(c, out));
}

/**
 * A path from the first file of a component back to it, through the component (a breadth-first search, so the
 * shortest).
 * @param {string[]} component
 * @param {Map<string, Edge[]>} out
 * @returns {Edge[]}
 */
function cycleThrough(component, out) {
  const members = new Set(component);
  const start = /** @type {string} */ (component[0]);
  /** @type {Map<string, Edge>} */
  const cameBy = new Map();
  const queue = [start];
  while (queue.length > 0) {
    const file = /** @type {string} */ (queue.shift());
    for (const edge of out.get(file) ?? []) {
      if (!members.has(edge.to) || cameBy.has(edge.to)) continue;
      cameBy.set(edge.to, edge);
      if (edge.to === start) queue.length = 0;
      else queue.push(edge.to);
    }
  }
  /** @type {Edge[]} */
  const path = [];
  for (let edge = cameBy.get(start); edge; edge = edge.from === start ? undefined : cameBy.get(edge.from))
    path.unshift(edge);
  return path;
}

/**
 * A cycle as one line: `a.ts -> b.ts -> a.ts`, each type-only edge marked `(type)`.
 * @param {Edge[]} cycle
 * @param {string} root paths are shown relative to it
 */
export function describeCycle(cycle, root) {
  const first = cycle[0];
  if (!first) return "";
  return [
    relative(root, first.from),
    ...cycle.map((edge) => `${edge.typeOnly ? "-(type)->" : "->"} ${relative(root, edge.to)}`),
  ].join(" ");
}
