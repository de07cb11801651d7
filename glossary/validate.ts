import * as v from 'valibot';
import { t } from '@/common/i18n';
import { type GlossaryEntry, GlossaryEntrySchema } from './schema';
import { surfaceFormsOf, tokenKey } from './tokenize';

export type ValidationResult = { ok: true; entries: GlossaryEntry[] } | { ok: false; errors: string[] };

/**
 * Checks a whole glossary: each entry's fields, then what only the whole list can tell
 * (unique ids, no surface form claimed by two entries, related entries that exist).
 * Every message names the entry (position and id or term) and the field, so a contributor
 * or an importing user can fix the file without guessing.
 */
export interface ValidateOptions {
  /** How an entry is named in messages: "Entry 3", or "Row 4" for a CSV file. */
  label?: (index: number) => string;
  /** Ids outside this list that `related` may name (the bundled glossary, for the user's own terms). */
  knownIds?: ReadonlySet<string>;
}

export function validateGlossary(
  data: unknown,
  { label = (index) => t('validateEntry', index + 1), knownIds = new Set() }: ValidateOptions = {},
): ValidationResult {
  if (!Array.isArray(data)) {
    return { ok: false, errors: [t('validateNotList')] };
  }
  const errors: string[] = [];
  const entries: GlossaryEntry[] = [];
  data.forEach((raw, index) => {
    const result = v.safeParse(GlossaryEntrySchema, raw);
    if (result.success) {
      entries.push(result.output);
      return;
    }
    for (const issue of result.issues) {
      const field = v.getDotPath(issue) ?? t('validateWholeEntry');
      errors.push(t('validateField', describeEntry(raw, label(index)), field, plainMessage(issue)));
    }
  });

  const ids = new Map<string, number>();
  const formOwner = new Map<string, string>();
  entries.forEach((entry, index) => {
    const name = describeEntry(entry, label(index));
    if (ids.has(entry.id)) errors.push(t('validateDuplicateId', name, ids.get(entry.id)! + 1));
    ids.set(entry.id, index);
    const forms = surfaceFormsOf(entry);
    for (const { form, caseSensitive } of forms) {
      const key = (caseSensitive ? 'exact:' : '') + tokenKey(form, caseSensitive);
      const owner = formOwner.get(key);
      if (owner && owner !== entry.id) errors.push(t('validateFormTaken', name, form, owner));
      formOwner.set(key, entry.id);
    }
    const ownKeys = new Set(forms.map(({ form }) => tokenKey(form, false)));
    for (const form of entry.needsContext ?? [])
      if (!ownKeys.has(tokenKey(form, false))) errors.push(t('validateContextNotForm', name, form));
  });
  // Checked once every entry's forms are known: an other-sense phrase must not be anyone's term.
  entries.forEach((entry, index) => {
    const name = describeEntry(entry, label(index));
    for (const form of entry.otherSenses ?? []) {
      const owner = formOwner.get(tokenKey(form, false));
      if (owner) errors.push(t('validateOtherSenseTaken', name, form, owner));
    }
  });
  entries.forEach((entry, index) => {
    const name = describeEntry(entry, label(index));
    for (const id of entry.related ?? []) {
      if (!ids.has(id) && !knownIds.has(id)) errors.push(t('validateRelatedUnknown', name, id));
      if (id === entry.id) errors.push(t('validateRelatedSelf', name));
    }
  });
  return errors.length ? { ok: false, errors } : { ok: true, entries };
}

function describeEntry(raw: unknown, position: string): string {
  const label =
    raw && typeof raw === 'object'
      ? ((raw as Record<string, unknown>).id ?? (raw as Record<string, unknown>).term)
      : undefined;
  return typeof label === 'string' ? t('validateNamedEntry', position, label) : position;
}

/** A missing or unknown field gets valibot's type-check message (for programmers); say it plainly. Other messages are the schema's. */
function plainMessage(issue: v.BaseIssue<unknown>): string {
  if (issue.kind === 'schema' && issue.expected === 'never') return t('fieldUnknown');
  if (issue.kind === 'schema' && issue.received === 'undefined') return t('fieldMissing');
  return issue.message;
}
