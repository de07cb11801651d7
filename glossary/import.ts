import Papa from 'papaparse';
import type { GlossaryEntry } from './schema';
import { type Place, type ValidationProblem, validateGlossary } from './validate';

/** Limits on an imported file, so a huge or hostile file can't freeze the options page or fill storage. */
export const IMPORT_LIMITS = { maxBytes: 1_000_000, maxEntries: 2_000 } as const;

/** What is wrong with a file as a whole, or with an entry in it; the options page puts it into words. */
export type ImportProblem =
  | ValidationProblem
  | { code: 'too-big'; maxMegabytes: number }
  | { code: 'bad-json'; detail: string }
  | { code: 'file-not-a-list' }
  | { code: 'csv-row'; row: number; detail: string }
  | { code: 'unknown-columns'; columns: string[]; known: readonly string[] }
  | { code: 'too-many'; count: number; max: number }
  | { code: 'no-entries' };

export type ImportResult = { ok: true; entries: GlossaryEntry[] } | { ok: false; problems: ImportProblem[] };

/** Columns of the CSV format; list fields hold several values separated by "|". */
const CSV_COLUMNS = [
  'id',
  'term',
  'forms',
  'aliases',
  'abbreviations',
  'explanation',
  'more',
  'note',
  'related',
  'category',
  'source_name',
  'source_url',
] as const;
const LIST_COLUMNS = new Set(['forms', 'aliases', 'abbreviations', 'related']);

/** "Lymph node" → "lymph-node": ids for entries written by hand, where nobody wants to type one. */
export function idFromTerm(term: string): string {
  return (
    term
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .replace(/[^a-z0-9-]/g, '') || 'term'
  );
}

/**
 * Reads a file of the user's own terms, JSON (a list of entries) or CSV (a header row with
 * `CSV_COLUMNS`). All or nothing: any error rejects the whole file, with every problem named by
 * row and field, and the caller keeps what was saved before.
 */
export function parseImport(fileName: string, text: string, knownIds: ReadonlySet<string> = new Set()): ImportResult {
  if (new Blob([text]).size > IMPORT_LIMITS.maxBytes) {
    return { ok: false, problems: [{ code: 'too-big', maxMegabytes: IMPORT_LIMITS.maxBytes / 1_000_000 }] };
  }
  const isCsv = /\.csv$/i.test(fileName) || (!/\.json$/i.test(fileName) && !/^\s*[[{]/.test(text));
  return isCsv ? parseCsv(text, knownIds) : parseJson(text, knownIds);
}

function parseJson(text: string, knownIds: ReadonlySet<string>): ImportResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      problems: [{ code: 'bad-json', detail: String(error instanceof Error ? error.message : error) }],
    };
  }
  // An export of another tool may wrap the list: { "entries": [ … ] }.
  if (data && typeof data === 'object' && 'entries' in data && Array.isArray(data.entries)) data = data.entries;
  if (!Array.isArray(data)) return { ok: false, problems: [{ code: 'file-not-a-list' }] };
  return check(data.map(withDerivedId), (index) => ({ kind: 'entry', number: index + 1 }), knownIds);
}

function parseCsv(text: string, knownIds: ReadonlySet<string>): ImportResult {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (header) => header.trim().toLowerCase(),
  });
  const problems: ImportProblem[] = parsed.errors.map((error) => ({
    code: 'csv-row',
    row: (error.row ?? 0) + 2,
    detail: error.message,
  }));
  const columns = parsed.meta.fields ?? [];
  const unknown = columns.filter((column) => !(CSV_COLUMNS as readonly string[]).includes(column));
  if (unknown.length > 0) problems.push({ code: 'unknown-columns', columns: unknown, known: CSV_COLUMNS });
  if (problems.length > 0) return { ok: false, problems };
  const entries = parsed.data.map((row) => {
    const entry: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(row)) {
      const text = (value ?? '').trim();
      if (!text || column.startsWith('source_')) continue;
      entry[column] = LIST_COLUMNS.has(column)
        ? text
            .split('|')
            .map((part) => part.trim())
            .filter(Boolean)
        : text;
    }
    if (row.source_name?.trim() || row.source_url?.trim()) {
      entry.source = { name: row.source_name?.trim() ?? '', url: row.source_url?.trim() ?? '' };
    }
    return withDerivedId(entry);
  });
  // Row 1 is the header.
  return check(entries, (index) => ({ kind: 'row', number: index + 2 }), knownIds);
}

function check(entries: unknown[], place: (index: number) => Place, knownIds: ReadonlySet<string>): ImportResult {
  if (entries.length > IMPORT_LIMITS.maxEntries) {
    return { ok: false, problems: [{ code: 'too-many', count: entries.length, max: IMPORT_LIMITS.maxEntries }] };
  }
  if (entries.length === 0) return { ok: false, problems: [{ code: 'no-entries' }] };
  const result = validateGlossary(entries, { place, knownIds });
  return result.ok ? { ok: true, entries: result.entries } : result;
}

function withDerivedId(raw: unknown): unknown {
  if (raw && typeof raw === 'object' && !Array.isArray(raw) && !('id' in raw) && 'term' in raw) {
    if (typeof raw.term === 'string') return { id: idFromTerm(raw.term), ...raw };
  }
  return raw;
}

export function exportJson(entries: GlossaryEntry[]): string {
  return `${JSON.stringify(entries, null, 2)}\n`;
}

export function exportCsv(entries: GlossaryEntry[]): string {
  return Papa.unparse({
    fields: [...CSV_COLUMNS],
    data: entries.map((entry) => [
      entry.id,
      entry.term,
      (entry.forms ?? []).join('|'),
      (entry.aliases ?? []).join('|'),
      (entry.abbreviations ?? []).join('|'),
      entry.explanation,
      entry.more ?? '',
      entry.note ?? '',
      (entry.related ?? []).join('|'),
      entry.category,
      entry.source?.name ?? '',
      entry.source?.url ?? '',
    ]),
  });
}

/**
 * The user's list after adding or replacing entries (same id replaces), checked as a whole:
 * two of the user's entries must not claim the same words. Nothing is saved unless this is ok.
 */
export function mergeUserTerms(
  existing: readonly GlossaryEntry[],
  incoming: readonly GlossaryEntry[],
  knownIds: ReadonlySet<string>,
  replacing?: string,
): ImportResult {
  const incomingIds = new Set(incoming.map((entry) => entry.id));
  const kept = existing.filter((entry) => !incomingIds.has(entry.id) && entry.id !== replacing);
  const merged = [...kept, ...incoming];
  const result = validateGlossary(merged, {
    place: (index) =>
      index < kept.length ? { kind: 'saved', number: index + 1 } : { kind: 'new', number: index - kept.length + 1 },
    knownIds,
  });
  return result.ok ? { ok: true, entries: result.entries } : result;
}
