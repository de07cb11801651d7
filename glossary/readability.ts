import { fleschKincaid } from 'flesch-kincaid';
import { syllable } from 'syllable';

const WORDS = /[\p{L}\p{N}]+(?:['\u2019-][\p{L}\p{N}]+)*/gu;

export function wordCount(text: string): number {
  return text.match(WORDS)?.length ?? 0;
}

/**
 * Flesch–Kincaid grade level of a text, with syllables counted by the `syllable` library.
 * Health-literacy guidance asks for grade 8 or lower (MedlinePlus aims for about 6 to 7).
 */
export function readingGrade(text: string): number {
  const words = text.match(WORDS) ?? [];
  if (words.length === 0) return 0;
  const sentences = text.split(/[.!?]+(?=\s|$)/).filter((part) => /[\p{L}\p{N}]/u.test(part)).length || 1;
  const syllables = words.reduce((sum, word) => sum + syllable(word), 0);
  return fleschKincaid({ sentence: sentences, word: words.length, syllable: syllables });
}
