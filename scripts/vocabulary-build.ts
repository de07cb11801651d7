/**
 * `tsx scripts/vocabulary-build.ts CORPUS_DIR`: recounts `glossary/vocabulary.tsv` from the
 * candidate terms (`glossary/vocabulary-candidates.tsv`) and a sample of real health writing.
 * The sample is not in the repository (most of it is others' text); `glossary/vocabulary.md` says
 * where each part comes from and how to lay it out in CORPUS_DIR:
 *   medquad/<subset>/*.xml       MedQuAD (CC BY 4.0): NIH pages, MedlinePlus health topics among them
 *   nhs/*.json                   NHS website pages (Open Government Licence v3.0), as scraped JSON
 *   pages/*.html                 saved health pages (WebMD, Medical News Today)
 *   source-article.txt           the article our first readers read
 * and, from the repository, `glossary/vocabulary-web-sample.tsv`: the health terms of 159 pages of
 * the massage, physiotherapy and sports-medicine web (rows w1…) and of 14 health news and
 * research-reading pages (rows n1…), read by hand.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const corpus = process.argv[2];
if (!corpus) {
  console.error('usage: tsx scripts/vocabulary-build.ts CORPUS_DIR');
  process.exit(2);
}

/** The massage / physio / sports-medicine / pain world carries this share of a reader's pages. */
const PHYSIO_SHARE = 0.6;

type World = 'physio' | 'general';
interface Doc {
  source: string;
  world: World;
  /** Lowercased text, for case-insensitive words. */
  lower: string;
  /** Text as written, for abbreviations. */
  text: string;
}

/** Titles that put a general-health page into the massage / physio / sports / pain world. */
const PHYSIO_TITLE =
  /pain|back|neck|spin|sport|sprain|strain|injur|fractur|bone|muscl|joint|arthrit|osteo|tendon|tendin|ligament|knee|shoulder|hip\b|foot|feet|ankle|elbow|wrist|hand|carpal|fibromyalg|exercis|fitness|physical|rehabilit|massage|posture|whiplash|sciatica|bursitis|headache|migraine|complementary|acupunct|chiropract|scoliosis|disc|gout|lupus|cramp|sprains/i;

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replaceAll('\u2019', "'");
}

function doc(source: string, world: World, text: string): Doc {
  const clean = decode(text);
  return { source, world, text: clean, lower: clean.toLowerCase() };
}

const docs: Doc[] = [];
// MedQuAD subsets with their answers (the A.D.A.M., drug and herb subsets have none; GARD and GHR
// are rare genetic diseases, which our readers seldom meet).
for (const subset of [
  '1_CancerGov_QA',
  '4_MPlus_Health_Topics_QA',
  '5_NIDDK_QA',
  '6_NINDS_QA',
  '7_SeniorHealth_QA',
  '8_NHLBI_QA_XML',
  '9_CDC_QA',
]) {
  const dir = join(corpus, 'medquad', subset);
  if (!existsSync(dir)) continue;
  for (const file of readdirSync(dir)) {
    const xml = readFileSync(join(dir, file), 'utf8');
    const focus = /<Focus>([^<]*)<\/Focus>/.exec(xml)?.[1] ?? '';
    const answers = [...xml.matchAll(/<Answer>([\s\S]*?)<\/Answer>/g)].map((m) => m[1]).join('\n');
    if (!answers.trim()) continue;
    docs.push(
      doc(
        `medquad-${subset.split('_')[1]!.toLowerCase()}`,
        PHYSIO_TITLE.test(focus) ? 'physio' : 'general',
        `${focus}\n${answers}`,
      ),
    );
  }
}
const nhsDir = join(corpus, 'nhs');
if (existsSync(nhsDir)) {
  for (const file of readdirSync(nhsDir)) {
    if (file === 'health_a_to_z.json') continue;
    const page = JSON.parse(readFileSync(join(nhsDir, file), 'utf8')) as {
      title: string;
      sections: { title: string; paragraphs: string[] }[];
    };
    const sections = page.sections.filter((s) => !/cookies|help us improve|support links/i.test(s.title));
    if (sections.length === 0) continue;
    const text = [page.title, ...sections.flatMap((s) => [s.title, ...s.paragraphs])].join('\n');
    docs.push(doc('nhs', PHYSIO_TITLE.test(`${page.title} ${file}`) ? 'physio' : 'general', text));
  }
}
const pagesDir = join(corpus, 'pages');
if (existsSync(pagesDir)) {
  for (const file of readdirSync(pagesDir)) {
    const html = readFileSync(join(pagesDir, file), 'utf8');
    const text = html
      .replace(/<(script|style|noscript)[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');
    docs.push(doc(`page:${basename(file, '.html')}`, 'general', text));
  }
}
const article = join(corpus, 'source-article.txt');
if (existsSync(article)) docs.push(doc('source-article', 'physio', readFileSync(article, 'utf8')));
// The hand-read web sample: each page's terms stand for its text.
for (const line of readFileSync('glossary/vocabulary-web-sample.tsv', 'utf8').split('\n')) {
  if (!line.trim() || line.startsWith('#') || line.startsWith('id\t')) continue;
  const [id, , terms] = line.split('\t');
  // Rows n1, n2, …: health news and research-reading pages, general health.
  const news = id?.startsWith('n');
  docs.push(doc(news ? 'news' : 'web', news ? 'general' : 'physio', (terms ?? '').split(';').join(' ; ')));
}

const total = { physio: 0, general: 0 };
for (const d of docs) total[d.world]++;
console.log(`${docs.length} documents: ${total.physio} massage/physio/sports/pain, ${total.general} general health`);

// A word with two or more capitals is an abbreviation: matched with its case.
const isAbbreviation = (word: string): boolean => (word.match(/[A-Z]/g)?.length ?? 0) >= 2;
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Counter {
  test(d: Doc): boolean;
}

/** Whole words; spaces and hyphens alike between words; an optional plural -s / -es. */
function counter(term: string): Counter {
  const words = term.replaceAll('\u2019', "'").split(/[\s-]+/);
  const exact = words.some(isAbbreviation);
  const parts = words.map((w) =>
    isAbbreviation(w) || !exact ? escapeRegExp(exact ? w : w.toLowerCase()) : caseless(w),
  );
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${parts.join('[\\s\\-\\u00a0]+')}(?:s|es|'s)?(?![\\p{L}\\p{N}])`, 'u');
  const probe = (exact ? words.find(isAbbreviation)! : words[0]!.toLowerCase()).slice(0, 4);
  return {
    test: (d) => {
      const hay = exact ? d.text : d.lower;
      return hay.includes(probe) && re.test(hay);
    },
  };
}

function caseless(word: string): string {
  return [...word]
    .map((c) => (c.toLowerCase() !== c.toUpperCase() ? `[${c.toLowerCase()}${c.toUpperCase()}]` : escapeRegExp(c)))
    .join('');
}

interface Candidate {
  term: string;
  domain: string;
  origins: Set<string>;
}

const candidates = new Map<string, Candidate>();
const keyOf = (term: string): string =>
  term
    .toLowerCase()
    .replace(/[\s-]+/g, ' ')
    .trim();
for (const line of readFileSync('glossary/vocabulary-candidates.tsv', 'utf8').split('\n').slice(1)) {
  if (!line.trim()) continue;
  const [term, domain, origin] = line.split('\t');
  const key = keyOf(term!);
  const known = candidates.get(key);
  if (known) for (const o of origin!.split(',')) known.origins.add(o);
  else candidates.set(key, { term: term!, domain: domain!, origins: new Set(origin!.split(',')) });
}
// A plural whose singular is also a candidate is counted with it (the singular's pattern takes -s).
for (const [key, candidate] of candidates) {
  const singular = [key.replace(/es$/, ''), key.replace(/s$/, '')].find((s) => s !== key && candidates.has(s));
  if (singular) {
    for (const o of candidate.origins) candidates.get(singular)!.origins.add(o);
    candidates.delete(key);
  }
}

/** Terms from hand-reading or our own lists need one page; names from index lists, five. */
const handPicked = (c: Candidate): boolean => c.origins.has('hand') || c.origins.has('web');

const rows: string[] = [];
let done = 0;
for (const candidate of candidates.values()) {
  if (++done % 2000 === 0) console.log(`  ${done} of ${candidates.size} candidates counted`);
  const { test } = counter(candidate.term);
  const df = { physio: 0, general: 0 };
  const bySource = new Map<string, number>();
  for (const d of docs) {
    if (!test(d)) continue;
    df[d.world]++;
    const source = d.source.startsWith('medquad') ? 'medquad' : d.source.startsWith('page:') ? 'pages' : d.source;
    bySource.set(source, (bySource.get(source) ?? 0) + 1);
  }
  const pages = df.physio + df.general;
  if (pages < (handPicked(candidate) ? 1 : 5)) continue;
  const weight = 1000 * (PHYSIO_SHARE * (df.physio / total.physio) + (1 - PHYSIO_SHARE) * (df.general / total.general));
  const where = [[...bySource].map(([s, n]) => `${s}:${n}`).join(' '), [...candidate.origins].sort().join(',')].join(
    ' | ',
  );
  rows.push([candidate.term, weight.toFixed(2), candidate.domain, where].join('\t'));
}
rows.sort((a, b) => Number(b.split('\t')[1]) - Number(a.split('\t')[1]) || a.localeCompare(b));
const header = 'term\tweight\tdomain\twhere';
writeFileSync('glossary/vocabulary.tsv', `${[header, ...rows].join('\n')}\n`);
console.log(`${rows.length} terms written to glossary/vocabulary.tsv`);
