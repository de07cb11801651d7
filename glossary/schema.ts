import * as v from 'valibot';

/** What kind of thing an entry explains; the popup groups and filters by it. */
export const CATEGORIES = [
  'body part',
  'condition',
  'symptom',
  'treatment',
  'body process',
  'medicine',
  'research',
] as const;

const text = (max: number) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, 'must not be empty'),
    v.maxLength(max, `must be at most ${max} characters`),
  );

// A surface form must contain at least one letter or digit, or the matcher could never find it.
const surfaceForm = v.pipe(text(80), v.regex(/[\p{L}\p{N}]/u, 'must contain a letter or digit'));

export const GlossaryEntrySchema = v.strictObject({
  /** Stable key, used by `related` and by user overrides. */
  id: v.pipe(
    v.string(),
    v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens, like "range-of-motion"'),
  ),
  /** The name shown on the card. Also matched, case-insensitively. */
  term: surfaceForm,
  /** Other spellings and inflections of the term itself: plurals, British spellings. Matched case-insensitively. */
  forms: v.optional(v.array(surfaceForm)),
  /** Other words for the same thing ("blood flow" for Circulation). The card shows them beside the term. */
  aliases: v.optional(v.array(surfaceForm)),
  /** Abbreviations, matched with exact case so "ROM" never matches "rom". */
  abbreviations: v.optional(v.array(surfaceForm)),
  explanation: text(400),
  more: v.optional(text(800)),
  /** An honest word on a doubtful popular claim. */
  note: v.optional(text(400)),
  related: v.optional(v.array(v.string())),
  category: v.picklist(CATEGORIES, `must be one of: ${CATEGORIES.join(', ')}`),
  /** Required for the bundled glossary (a test checks); optional for the user's own terms. */
  source: v.optional(
    v.strictObject({
      name: text(120),
      url: v.pipe(v.string(), v.url('must be a URL'), v.startsWith('https://', 'must be an https:// address')),
    }),
  ),
});

export type GlossaryEntry = v.InferOutput<typeof GlossaryEntrySchema>;
export type Category = (typeof CATEGORIES)[number];
