import Papa from 'papaparse';
import { t, tCount } from '@/common/i18n';
import type { GlossaryEntry } from './schema';
import { validateGlossary } from './validate';

/** Limits on an imported file, so a huge or hostile file can't freeze the options page or fill storage. */
export const IMPORT_LIMITS = { maxBytes: 1_000_000, maxEntries: 2_000 } as const;

export type ImportResult = { ok: true; entries: GlossaryEntry[] } | { ok: false; errors: string[] };

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
    return { ok: false, errors: [t('importTooBig', IMPORT_LIMITS.maxBytes / 1_000_000)] };
  }
  const isCsv = /\.csv$/i.test(fileName) || (!/\.json$/i.test(fileName) && !/^\s*[[{]/.test(text));
  return isCsv ? parseCsv(text, knownIds) : parseJson(text, knownIds);
}

function parseJson(text: string, knownIds: ReadonlySet<string>): ImportResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [t('importBadJson', (error as Error).message)] };
  }
  if (
    data &&
    typeof data === 'object' &&
    !Array.isArray(data) &&
    Array.isArray((data as { entries?: unknown }).entries)
  ) {
    data = (data as { entries: unknown[] }).entries;
  }
  if (!Array.isArray(data)) return { ok: false, errors: [t('importNotList')] };
  return check(data.map(withDerivedId), (index) => t('validateEntry', index + 1), knownIds);
}

function parseCsv(text: string, knownIds: ReadonlySet<string>): ImportResult {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (header) => header.trim().toLowerCase(),
  });
  const errors = parsed.errors.map((error) => t('importRowProblem', (error.row ?? 0) + 2, error.message));
  const columns = parsed.meta.fields ?? [];
  const unknown = columns.filter((column) => !(CSV_COLUMNS as readonly string[]).includes(column));
  if (unknown.length > 0) {
    const names = unknown.map((c) => `"${c}"`).join(', ');
    errors.push(tCount('importUnknownColumns', unknown.length, names, CSV_COLUMNS.join(', ')));
  }
  if (errors.length > 0) return { ok: false, errors };
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
  return check(entries, (index) => t('importRow', index + 2), knownIds);
}

function check(entries: unknown[], label: (index: number) => string, knownIds: ReadonlySet<string>): ImportResult {
  if (entries.length > IMPORT_LIMITS.maxEntries) {
    return {
      ok: false,
      errors: [t('importTooMany', entries.length, IMPORT_LIMITS.maxEntries)],
    };
  }
  if (entries.length === 0) return { ok: false, errors: [t('importEmpty')] };
  const result = validateGlossary(entries, { label, knownIds });
  return result.ok ? { ok: true, entries: result.entries } : result;
}

function withDerivedId(raw: unknown): unknown {
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    const entry = raw as Record<string, unknown>;
    if (entry.id === undefined && typeof entry.term === 'string') return { id: idFromTerm(entry.term), ...entry };
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
    label: (index) =>
      index < kept.length ? t('importSavedEntry', index + 1) : t('importNewEntry', index - kept.length + 1),
    knownIds,
  });
  return result.ok ? { ok: true, entries: result.entries } : result;
}
