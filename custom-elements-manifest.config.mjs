// The Custom Elements Manifest (dist/custom-elements.json, package.json "customElements"), made by
// `npm run build` with @custom-elements-manifest/analyzer from the elements' JSDoc. The plugin below
// keeps it to the public API: it names each tag from `HTMLElementTagNameMap`, leaves out internal
// reactive state (`static properties` entries with `state: true`) and private members, types each
// event with its Event class (`static readonly type = 'comment-box-…'`), and points at the shipped
// `dist/*.js` modules instead of `src/*.ts`. test/node/packaging/manifest.test.ts checks it against
// the README's API tables.

/** @type {import('@custom-elements-manifest/analyzer').Config} */
export default {
  globs: ['src/**/*.ts'],
  // Tests, the hand-written typings (src/jsx/) and the server's moderation page (not an element to embed).
  exclude: ['src/**/*.test.ts', 'src/**/*.d.ts', 'src/admin/**'],
  outdir: 'dist',
  litelement: true,
  // package.json's "customElements" is written by hand: the analyzer would rewrite the whole file.
  packagejson: false,
  plugins: [publicApiOnly()],
};

/** The analyzer plugin that keeps the manifest to the public API (see the top of this file). */
export function publicApiOnly() {
  /** Tag name by class name, from `interface HTMLElementTagNameMap { 'tag': Class }`. */
  let tagOf = new Map();
  /** Event class name by event name, from `static readonly type = 'name'`. */
  let eventClassOf = new Map();
  /** Names of internal reactive state by class name. */
  let stateOf = new Map();
  /** Class names registered by `Class.define()` (with their default tag), by module path. */
  let definedIn = new Map();

  const text = (node) => (node && 'text' in node ? node.text : undefined);

  return {
    name: 'comment-box:public-api-only',
    initialize() {
      tagOf = new Map();
      eventClassOf = new Map();
      stateOf = new Map();
      definedIn = new Map();
    },
    collectPhase({ ts, node }) {
      if (ts.isInterfaceDeclaration(node) && node.name.text === 'HTMLElementTagNameMap') {
        for (const member of node.members) {
          if (ts.isPropertySignature(member) && member.type && ts.isTypeReferenceNode(member.type)) {
            tagOf.set(member.type.typeName.getText(), text(member.name));
          }
        }
      }
      if (ts.isClassDeclaration(node) && node.name) {
        for (const member of node.members) {
          const isStatic = member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
          if (!isStatic || !ts.isPropertyDeclaration(member) || !member.initializer) continue;
          const name = text(member.name);
          if (name === 'type' && ts.isStringLiteral(member.initializer)) {
            eventClassOf.set(member.initializer.text, node.name.text);
          }
          if (name === 'properties' && ts.isObjectLiteralExpression(member.initializer)) {
            const state = new Set();
            for (const prop of member.initializer.properties) {
              if (!ts.isPropertyAssignment(prop) || !ts.isObjectLiteralExpression(prop.initializer)) continue;
              const isState = prop.initializer.properties.some(
                (p) =>
                  ts.isPropertyAssignment(p) &&
                  text(p.name) === 'state' &&
                  p.initializer.kind === ts.SyntaxKind.TrueKeyword,
              );
              if (isState) state.add(text(prop.name));
            }
            stateOf.set(node.name.text, state);
          }
        }
      }
    },
    analyzePhase({ ts, node, moduleDoc }) {
      // `CommentBoxElement.define()` at a module's top level registers the class's default tag.
      if (
        ts.isExpressionStatement(node) &&
        ts.isSourceFile(node.parent) &&
        ts.isCallExpression(node.expression) &&
        ts.isPropertyAccessExpression(node.expression.expression) &&
        node.expression.expression.name.text === 'define' &&
        node.expression.arguments.length === 0
      ) {
        const names = definedIn.get(moduleDoc.path) ?? [];
        names.push(node.expression.expression.expression.getText());
        definedIn.set(moduleDoc.path, names);
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      const classes = new Map();
      for (const mod of customElementsManifest.modules) {
        for (const decl of mod.declarations ?? []) if (decl.kind === 'class') classes.set(decl.name, { mod, decl });
      }
      for (const [path, names] of definedIn) {
        const mod = customElementsManifest.modules.find((m) => m.path === path);
        for (const name of names) {
          const found = classes.get(name);
          const tag = tagOf.get(name);
          if (!mod || !found || !tag) continue;
          mod.exports ??= [];
          mod.exports.push({
            kind: 'custom-element-definition',
            name: tag,
            declaration: { name, module: found.mod.path },
          });
        }
      }
      for (const { decl } of classes.values()) {
        if (!decl.customElement && !decl.tagName) continue;
        decl.customElement = true;
        decl.tagName ??= tagOf.get(decl.name);
        const state = stateOf.get(decl.name) ?? new Set();
        const isPublic = (m) =>
          !state.has(m.name) && !m.name.startsWith('#') && m.privacy !== 'private' && m.privacy !== 'protected';
        if (decl.members) decl.members = decl.members.filter(isPublic);
        if (decl.attributes) decl.attributes = decl.attributes.filter((a) => !state.has(a.fieldName ?? a.name));
        if (decl.events) {
          // Each `@fires` entry, typed with its class; the analyzer's guesses from `dispatchEvent`
          // calls (named after local variables) are dropped.
          const byName = new Map();
          for (const event of decl.events) {
            const eventClass = eventClassOf.get(event.name);
            if (!eventClass) continue;
            const known = byName.get(event.name);
            byName.set(event.name, {
              ...event,
              description: known?.description ?? event.description,
              type: { text: eventClass },
            });
          }
          decl.events = [...byName.values()];
        }
      }
      toShippedPaths(customElementsManifest);
    },
  };
}

/** `src/x.ts` → `dist/x.js`: the manifest describes the package as published (src/ is not shipped). */
function toShippedPaths(node) {
  if (Array.isArray(node)) return node.forEach(toShippedPaths);
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'path' || key === 'module') && typeof value === 'string' && /^\/?src\/.*\.ts$/.test(value)) {
      node[key] = value.replace(/^\/?src\//, 'dist/').replace(/\.ts$/, '.js');
    } else {
      toShippedPaths(value);
    }
  }
}
