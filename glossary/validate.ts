import * as v from 'valibot';
import { CATEGORIES, type GlossaryEntry, glossaryEntrySchema } from './schema';
import { surfaceFormsOf, tokenKey } from './tokenize';

/**
 * What is wrong with one field, as a code with its parameters: the schema's messages are these
 * codes, and the pages that show a problem put it into words (common/problem-text.ts).
 */
export type FieldProblem =
  | { code: 'not-text' | 'empty' | 'needs-letter' | 'not-list' | 'not-true-false' | 'id' }
  | { code: 'url' | 'https' | 'date' | 'not-object' | 'unknown-field' | 'missing' }
  | { code: 'too-long'; max: number }
  | { code: 'category'; choices: readonly string[] };

/** Where an entry is: "Entry 3" of a JSON file, "Row 4" of a CSV file, a saved or new one, the term being saved. */
export interface Place {
  kind: 'entry' | 'row' | 'saved' | 'new' | 'this';
  number: number;
}

/** An entry a problem is about: its place, and its id or term when it has one. */
interface EntryRef {
  place: Place;
  name?: string;
}

export type ValidationProblem =
  | { code: 'not-a-list' }
  /** `field` is the field's path in the entry ("source.url"), null for the whole entry. */
  | { code: 'field'; entry: EntryRef; field: string | null; problem: FieldProblem }
  | { code: 'duplicate-id'; entry: EntryRef; firstNumber: number }
  | { code: 'form-taken'; entry: EntryRef; form: string; owner: string }
  | { code: 'context-not-form'; entry: EntryRef; form: string }
  | { code: 'other-sense-taken'; entry: EntryRef; form: string; owner: string }
  | { code: 'related-unknown'; entry: EntryRef; related: string }
  | { code: 'related-self'; entry: EntryRef };

export type ValidationResult = { ok: true; entries: GlossaryEntry[] } | { ok: false; problems: ValidationProblem[] };

/**
 * Checks a whole glossary: each entry's fields, then what only the whole list can tell
 * (unique ids, no surface form claimed by two entries, related entries that exist).
 * Every problem names the entry (place and id or term) and the field, so a contributor
 * or an importing user can fix the file without guessing.
 */
export interface ValidateOptions {
  /** Where the entry at `index` is, for problems: "Entry 3" by default. */
  place?: (index: number) => Place;
  /** Ids outside this list that `related` may name (the bundled glossary, for the user's own terms). */
  knownIds?: ReadonlySet<string>;
}

export function validateGlossary(
  data: unknown,
  { place = (index) => ({ kind: 'entry', number: index + 1 }), knownIds = new Set() }: ValidateOptions = {},
): ValidationResult {
  if (!Array.isArray(data)) return { ok: false, problems: [{ code: 'not-a-list' }] };
  const problems: ValidationProblem[] = [];
  const entries: GlossaryEntry[] = [];
  data.forEach((raw: unknown, index) => {
    const result = v.safeParse(glossaryEntrySchema(), raw);
    if (result.success) {
      entries.push(result.output);
      return;
    }
    for (const issue of result.issues) {
      const entry = refOf(raw, place(index));
      problems.push({ code: 'field', entry, field: v.getDotPath(issue), problem: fieldProblem(issue) });
    }
  });

  const ids = new Map<string, number>();
  const formOwner = new Map<string, string>();
  entries.forEach((entry, index) => {
    const ref = refOf(entry, place(index));
    const first = ids.get(entry.id);
    if (first !== undefined) problems.push({ code: 'duplicate-id', entry: ref, firstNumber: first + 1 });
    ids.set(entry.id, index);
    const forms = surfaceFormsOf(entry);
    for (const { form, caseSensitive } of forms) {
      const key = (caseSensitive ? 'exact:' : '') + tokenKey(form, caseSensitive);
      const owner = formOwner.get(key);
      if (owner && owner !== entry.id) problems.push({ code: 'form-taken', entry: ref, form, owner });
      formOwner.set(key, entry.id);
    }
    const ownKeys = new Set(forms.map(({ form }) => tokenKey(form, false)));
    for (const form of entry.needsContext ?? [])
      if (!ownKeys.has(tokenKey(form, false))) problems.push({ code: 'context-not-form', entry: ref, form });
  });
  // Checked once every entry's forms are known: an other-sense phrase must not be anyone's term.
  entries.forEach((entry, index) => {
    for (const form of entry.otherSenses ?? []) {
      const owner = formOwner.get(tokenKey(form, false));
      if (owner) problems.push({ code: 'other-sense-taken', entry: refOf(entry, place(index)), form, owner });
    }
  });
  entries.forEach((entry, index) => {
    const ref = refOf(entry, place(index));
    for (const id of entry.related ?? []) {
      if (!ids.has(id) && !knownIds.has(id)) problems.push({ code: 'related-unknown', entry: ref, related: id });
      if (id === entry.id) problems.push({ code: 'related-self', entry: ref });
    }
  });
  return problems.length ? { ok: false, problems } : { ok: true, entries };
}

function refOf(raw: unknown, place: Place): EntryRef {
  const fields = v.safeParse(v.object({ id: v.optional(v.unknown()), term: v.optional(v.unknown()) }), raw);
  const name = fields.success ? (fields.output.id ?? fields.output.term) : undefined;
  return typeof name === 'string' ? { place, name } : { place };
}

/** The schema's code for an issue; a missing or unknown field gets valibot's own type check, named here. */
function fieldProblem(issue: v.BaseIssue<unknown>): FieldProblem {
  if (issue.kind === 'schema' && issue.expected === 'never') return { code: 'unknown-field' };
  if (issue.kind === 'schema' && issue.received === 'undefined') return { code: 'missing' };
  switch (issue.message) {
    case 'too-long':
      return { code: 'too-long', max: Number(issue.requirement) };
    case 'category':
      return { code: 'category', choices: CATEGORIES };
    case 'not-text':
    case 'empty':
    case 'needs-letter':
    case 'not-list':
    case 'not-true-false':
    case 'id':
    case 'url':
    case 'https':
    case 'date':
    case 'not-object':
      return { code: issue.message };
    default:
      // A check added to the schema without a code of its own.
      return { code: 'not-object' };
  }
}
