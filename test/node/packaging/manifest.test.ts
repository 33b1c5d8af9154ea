/**
 * The Custom Elements Manifest (made from the JSDoc by custom-elements-manifest.config.mjs) and the
 * README's API tables describe the same element: the same attributes and properties, events (with
 * their classes), CSS parts and CSS custom properties, and nothing internal. The manifest is made
 * here from src/, as `npm run build` makes it, so this test needs no build.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { before, describe, it } from 'node:test';

const root = fileURLToPath(new URL('../../../', import.meta.url));

interface Declaration {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
  attributes?: Array<{ name: string; fieldName?: string }>;
  members?: Array<{ kind: string; name: string; static?: boolean; privacy?: string }>;
  events?: Array<{ name: string; type?: { text: string } }>;
  cssParts?: Array<{ name: string }>;
  cssProperties?: Array<{ name: string }>;
}
interface Manifest {
  modules: Array<{ path: string; declarations?: Declaration[]; exports?: Array<{ kind: string; name: string }> }>;
}

/** The manifest as `npm run build` writes it to dist/custom-elements.json. */
async function analyze(): Promise<Manifest> {
  // The analyzer's CLI module has no type declarations; its `cli()` returns the manifest.
  const cliModule = '@custom-elements-manifest/analyzer/cli.js';
  const { cli } = (await import(cliModule)) as {
    cli(options: { argv: string[]; cwd: string; noWrite: boolean }): Promise<Manifest>;
  };
  return cli({ argv: ['analyze', '--quiet'], cwd: root, noWrite: true });
}

/** The rows of the first Markdown table under `heading`, as arrays of cells. */
function table(markdown: string, heading: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  assert.notEqual(start, -1, `README.md has no "${heading}" section`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^#/.test(line)) break;
    if (!line.startsWith('|')) {
      if (rows.length > 0) break;
      continue;
    }
    rows.push(
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
  }
  // Without the header and the |---| line.
  return rows.slice(2);
}

/** The `code` names in a table cell (`—` gives none). */
function names(cell: string | undefined): string[] {
  return [...(cell ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
}

/** Compares two name lists and fails with what only one of them has. */
function assertSameNames(what: string, readme: Iterable<string>, manifest: Iterable<string>): void {
  const inReadme = new Set(readme);
  const inManifest = new Set(manifest);
  const diff = {
    onlyInReadme: [...inReadme].filter((n) => !inManifest.has(n)).sort(),
    onlyInManifest: [...inManifest].filter((n) => !inReadme.has(n)).sort(),
  };
  assert.deepEqual(
    diff,
    { onlyInReadme: [], onlyInManifest: [] },
    `${what}: README.md and the Custom Elements Manifest disagree:\n${JSON.stringify(diff, null, 2)}`,
  );
}

/** Attributes every HTML element has, which the README lists for what the element does with them. */
const GLOBAL_ATTRIBUTES = new Set(['lang']);

describe('Custom Elements Manifest', () => {
  let manifest: Manifest;
  let element: Declaration;
  const readme = readFileSync(new URL('README.md', `file://${root}`), 'utf8');

  before(async () => {
    manifest = await analyze();
    const found = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'comment-box');
    assert.ok(found, 'the manifest has a declaration with tagName comment-box');
    element = found;
  });

  it('declares <comment-box> and <comment-count> as custom elements, defined by the shipped modules', () => {
    const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement);
    assert.deepEqual(elements.map((d) => [d.tagName, d.name]).sort(), [
      ['comment-box', 'CommentBoxElement'],
      ['comment-count', 'CommentCountElement'],
    ]);
    const definitions = manifest.modules.flatMap((m) =>
      (m.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => e.name),
    );
    assert.deepEqual(definitions.sort(), ['comment-box', 'comment-count']);
    for (const module of manifest.modules)
      assert.match(module.path, /^dist\/.+\.js$/, 'module paths point at the shipped files');
  });

  it("has the README's attributes and properties, and no internal state", () => {
    const rows = table(readme, '### Attributes and properties');
    const pairs = (attribute: string | undefined, property: string | undefined) =>
      `${attribute ?? '—'} ↔ ${property ?? '—'}`;
    const readmePairs = rows
      .filter(([attribute]) => !names(attribute).some((a) => GLOBAL_ATTRIBUTES.has(a)))
      .map(([attribute, property]) => pairs(names(attribute)[0], names(property)[0]));
    const attributes = element.attributes ?? [];
    const fields = (element.members ?? []).filter((m) => m.kind === 'field' && !m.static);
    const manifestPairs = [
      ...attributes.map((a) => pairs(a.name, a.fieldName)),
      ...fields.filter((f) => !attributes.some((a) => a.fieldName === f.name)).map((f) => pairs(undefined, f.name)),
    ];
    assertSameNames('attributes ↔ properties', readmePairs, manifestPairs);
  });

  it("has the README's public methods", () => {
    const line = readme.split('\n').find((l) => l.startsWith('Method: ') || l.startsWith('Methods: ')) ?? '';
    const readmeMethods = names(line).map((m) => m.replace(/\(.*$/, ''));
    const methods = (element.members ?? []).filter((m) => m.kind === 'method' && !m.static).map((m) => m.name);
    assertSameNames('methods', readmeMethods, methods);
  });

  it("has the four comment-box-* events, typed with the README's event classes", () => {
    const rows = table(readme, '### Events');
    const readmeEvents = rows.map(([event, eventClass]) => `${names(event)[0]}: ${names(eventClass)[0]}`);
    const events = (element.events ?? []).map((e) => `${e.name}: ${e.type?.text}`);
    assertSameNames('events', readmeEvents, events);
    assert.equal(events.length, 4);
  });

  it("has the README's CSS parts", () => {
    const rows = table(readme, '### CSS parts');
    assertSameNames(
      'CSS parts',
      rows.flatMap(([part]) => names(part)),
      (element.cssParts ?? []).map((p) => p.name),
    );
  });

  it("has the README's CSS custom properties", () => {
    const rows = table(readme, '### CSS custom properties');
    assertSameNames(
      'CSS custom properties',
      rows.flatMap(([property]) => names(property)),
      (element.cssProperties ?? []).map((p) => p.name),
    );
  });
});

/** README.md and every docs/*.md page. */
function documentation(): Array<[file: string, text: string]> {
  const docs = readdirSync(new URL('docs/', `file://${root}`), { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.md'),
  );
  return ['README.md', ...docs.map((f) => `docs/${f}`)].map((file) => [
    file,
    readFileSync(new URL(file, `file://${root}`), 'utf8'),
  ]);
}

/**
 * The attribute names written in each `<comment-box …>` tag of `text`, in any framework's syntax
 * (values in quotes or braces, such as JSX expressions and template tags, are left out).
 */
function tagAttributes(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(/<comment-box(?=[\s>/])/g)) {
    let rest = '';
    let depth = 0;
    let quote = '';
    for (const ch of text.slice(match.index + match[0].length)) {
      if (quote) {
        if (ch === quote) quote = '';
      } else if (ch === '{') depth++;
      else if (ch === '}') depth--;
      else if (depth === 0 && (ch === '"' || ch === "'")) quote = ch;
      else if (depth === 0 && ch === '>') break;
      else if (depth === 0) rest += ch;
    }
    names.push(...(rest.match(/[^\s=/]+(?==|\s|$)/g) ?? []));
  }
  return names;
}

/** Attributes and props any element takes in HTML and the frameworks' templates. */
const ANY_ELEMENT = new Set(['class', 'className', 'id', 'style', 'ref', 'key', 'slot', 'hidden', 'lang', 'dir']);

describe('README.md and docs/ use the API the manifest describes', () => {
  let element: Declaration;
  before(async () => {
    element = (await analyze()).modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'comment-box')!;
  });

  it('every attribute, property and event written on <comment-box> exists', () => {
    const events = new Set((element.events ?? []).map((e) => e.name));
    const known = new Set([
      ...(element.attributes ?? []).map((a) => a.name),
      ...(element.members ?? []).filter((m) => m.kind === 'field').map((m) => m.name),
    ]);
    const unknown: string[] = [];
    for (const [file, text] of documentation()) {
      for (const written of tagAttributes(text)) {
        // Vue `:name` / `@event` / `.prop`, Solid `prop:name` / `on:event`, React/Preact/Svelte `on<event>`.
        const name = written.replace(/^(:|@|prop:|on:)/, '').replace(/\.prop$/, '');
        const event = /^(?:on:?|@)(comment-box-.+)$/.exec(written)?.[1];
        const ok = event ? events.has(event) : known.has(name) || ANY_ELEMENT.has(name);
        if (!ok) unknown.push(`${file}: ${written}`);
      }
    }
    assert.deepEqual(unknown, [], `attributes or events the element does not have:\n${unknown.join('\n')}`);
  });

  it('every event name the documentation listens to is one of the four', () => {
    const events = new Set((element.events ?? []).map((e) => e.name));
    const unknown: string[] = [];
    for (const [file, text] of documentation()) {
      for (const m of text.matchAll(/(?:addEventListener\(\s*['"]|\bon:?|@)(comment-box-[a-z]+(?:-[a-z]+)*)/g)) {
        if (!events.has(m[1]!)) unknown.push(`${file}: ${m[0]}`);
      }
    }
    assert.deepEqual(unknown, []);
  });
});
