import type { GlossaryEntry } from '../../glossary/schema';

/**
 * Made-up multi-word terms of realistic length (1–4 words of 4–11 letters), deterministic, for
 * measuring what a bigger glossary costs. `explanation` gives each its text (the card's, the popup's).
 */
export function madeUpEntries(count: number, explanation: (i: number) => string = () => 'x'): GlossaryEntry[] {
  let seed = 42;
  const random = () => {
    // 32-bit LCG with exact integer arithmetic (a float multiply would lose bits and cycle).
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 0x100000000;
  };
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const word = () =>
    Array.from({ length: 4 + Math.floor(random() * 8) }, () => letters[Math.floor(random() * 26)]).join('');
  const seen = new Set<string>();
  const entries: GlossaryEntry[] = [];
  while (entries.length < count) {
    const term = Array.from({ length: 1 + Math.floor(random() * 4) }, word).join(' ');
    if (seen.has(term)) continue;
    seen.add(term);
    entries.push({
      id: `made-up-${entries.length}`,
      term,
      explanation: explanation(entries.length),
      category: 'condition',
    });
  }
  return entries;
}
