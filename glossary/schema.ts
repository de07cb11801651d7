import * as v from 'valibot';
import { onFirstUse } from '../common/on-first-use';

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

// Each message is a problem code (`FieldProblem`, glossary/validate.ts); the pages that show a
// problem put it into words, in the reader's language (common/problem-text.ts).
const text = (max: number) =>
  v.pipe(v.string('not-text'), v.trim(), v.minLength(1, 'empty'), v.maxLength(max, 'too-long'));

// A surface form must contain at least one letter or digit, or the matcher could never find it.
const surfaceForm = () => v.pipe(text(80), v.regex(/[\p{L}\p{N}]/u, 'needs-letter'));
const list = <T extends v.GenericSchema>(item: T) => v.array(item, 'not-list');

export const glossaryEntrySchema = onFirstUse(() =>
  v.strictObject(
    {
      /** Stable key, used by `related` and by user overrides. */
      id: v.pipe(v.string('not-text'), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'id')),
      /** The name shown on the card. Also matched, case-insensitively. */
      term: surfaceForm(),
      /** Other spellings and inflections of the term itself: plurals, British spellings. Matched case-insensitively. */
      forms: v.optional(list(surfaceForm())),
      /** Other words for the same thing ("blood flow" for Circulation). The card shows them beside the term. */
      aliases: v.optional(list(surfaceForm())),
      /** Abbreviations, matched with exact case so "ROM" never matches "rom". */
      abbreviations: v.optional(list(surfaceForm())),
      /**
       * False when the term's own word is too often meant another way to be underlined on its own
       * ("Cell": solar cell, phone, prison): the card keeps the name, pages match the other forms.
       */
      matchTerm: v.optional(v.boolean('not-true-false')),
      /**
       * Surface forms right on a health page and wrong elsewhere ("circulation" of a newspaper):
       * underlined only where the health sense is settled (glossary/senses.ts says how).
       */
      needsContext: v.optional(list(surfaceForm())),
      /**
       * Phrases that claim the entry's words for another sense ("cell phone", "economic recovery"):
       * matched like terms, and where one is the longest match nothing is underlined.
       */
      otherSenses: v.optional(list(surfaceForm())),
      explanation: text(400),
      more: v.optional(text(800)),
      /** An honest word on a doubtful popular claim. */
      note: v.optional(text(400)),
      related: v.optional(list(v.string('not-text'))),
      category: v.picklist(CATEGORIES, 'category'),
      /** Required for the bundled glossary (a test checks); optional for the user's own terms. */
      source: v.optional(
        v.strictObject(
          {
            name: text(120),
            url: v.pipe(v.string('not-text'), v.url('url'), v.startsWith('https://', 'https')),
            /** The page's title as the checker saw it (required for the bundled glossary). */
            title: v.optional(text(300)),
            /** When the page was opened and found to say what the card says: YYYY-MM-DD. */
            checked: v.optional(v.pipe(v.string('not-text'), v.isoDate('date'))),
            /** Which of the card's claims the page backs, when it backs only part ("what the stroke is"). */
            covers: v.optional(text(120)),
          },
          'not-object',
        ),
      ),
    },
    'not-object',
  ),
);

export type GlossaryEntry = v.InferOutput<ReturnType<typeof glossaryEntrySchema>>;
export type Category = (typeof CATEGORIES)[number];
