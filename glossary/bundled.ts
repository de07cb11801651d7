import type { GlossaryEntry } from './schema';
import terms from './terms.json';

/**
 * The glossary shipped with the extension. `tests/unit/glossary/terms.test.ts` validates it in full,
 * so the content script trusts it here instead of carrying the validator.
 */
export const bundledGlossary = terms as GlossaryEntry[];
