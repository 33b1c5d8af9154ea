// Deterministic comment threads for the benchmarks, shared by the browser pages and Node.
// Plain JavaScript (no imports) so a page can load it as is.

/** A small seeded PRNG (mulberry32), so every run and every variant sees the same data. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = [
  'Ada Lovelace',
  'Grace Hopper',
  'Alan Turing',
  'Katherine Johnson',
  'Edsger Dijkstra',
  'Barbara Liskov',
  'Ken Thompson',
  'Frances Allen',
  'Dennis Ritchie',
  'Radia Perlman',
  'Linus',
  'Émilie du Châtelet',
];
const WORDS =
  'the a comment thread reply post read write server page list render frame thanks agree idea because really good point about this that with from what when where why example'.split(
    ' ',
  );

function sentence(rnd) {
  const n = 6 + Math.floor(rnd() * 14);
  const words = [];
  for (let i = 0; i < n; i++) words.push(WORDS[Math.floor(rnd() * WORDS.length)]);
  const s = words.join(' ');
  return s[0].toUpperCase() + s.slice(1) + '.';
}

/**
 * `count` comments of one thread in the shared `Comment` shape, oldest first: about 70 % top level,
 * the rest replies up to four levels deep; some with two paragraphs, a line break or a link.
 */
export function generateComments(count, seed = 42) {
  const rnd = random(seed);
  const start = Date.UTC(2024, 0, 1);
  const out = [];
  const depth = new Map();
  for (let i = 0; i < count; i++) {
    const id = `c${String(i).padStart(6, '0')}`;
    let parentId = null;
    if (i > 0 && rnd() < 0.3) {
      const candidate = out[Math.max(0, i - 1 - Math.floor(rnd() * 20))];
      if ((depth.get(candidate.id) ?? 0) < 3) parentId = candidate.id;
    }
    depth.set(id, parentId === null ? 0 : depth.get(parentId) + 1);
    const name = NAMES[Math.floor(rnd() * NAMES.length)];
    let content = sentence(rnd);
    const shape = rnd();
    if (shape < 0.2) content += `\n\n${sentence(rnd)} ${sentence(rnd)}`;
    else if (shape < 0.3) content += `\n${sentence(rnd)}`;
    else if (shape < 0.35) content += ` See https://example.com/post/${i}.`;
    out.push({
      id,
      parentId,
      authorName: name,
      authorUrl: rnd() < 0.2 ? `https://example.com/~${i}` : null,
      avatarSeed: Math.floor(rnd() * 1e9).toString(36),
      content,
      format: 'text',
      createdAt: new Date(start + i * 60_000).toISOString(),
      status: 'approved',
    });
  }
  return out;
}

/** The first `threads` top-level threads with every reply, in display order (as a first page). */
export function firstPage(comments, threads) {
  const children = new Map();
  for (const c of comments) {
    const list = children.get(c.parentId) ?? [];
    list.push(c);
    children.set(c.parentId, list);
  }
  const out = [];
  const walk = (list) => {
    for (const c of list) {
      out.push(c);
      walk(children.get(c.id) ?? []);
    }
  };
  walk((children.get(null) ?? []).slice(0, threads));
  return out;
}
