/**
 * `npm run glossary:check [-- extra.json …]`: a short report for contributors on the bundled
 * glossary (plus any extra files of entries, checked together with it): entries by category,
 * readability, and every rule broken, by entry. Exits 1 when a rule is broken.
 */
import { readFileSync } from 'node:fs';
import { useMessagesOutsideBrowser } from '@/common/i18n';
import { problemText } from '@/common/problem-text';
import { bundledGlossary } from '@/glossary/bundled';
import { readingGrade } from '@/glossary/readability';
import { checkGlossary } from '@/glossary/rules';
import type { GlossaryEntry } from '@/glossary/schema';
import messages from '@/public/_locales/en/messages.json';

useMessagesOutsideBrowser(messages);

const extra = process.argv.slice(2).flatMap((file) => JSON.parse(readFileSync(file, 'utf8')) as GlossaryEntry[]);
const report = checkGlossary([...bundledGlossary, ...extra]);

console.log(`${report.count} entries`);
for (const [category, count] of Object.entries(report.byCategory).sort((a, b) => b[1] - a[1])) {
  console.log(`  ${category.padEnd(14)} ${count}`);
}
console.log(`Readability (Flesch–Kincaid grade of explanations): median ${report.medianGrade.toFixed(1)}`);
console.log(`  hardest: ${report.hardest.map((h) => `${h.id} ${h.grade.toFixed(1)}`).join(', ')}`);
if (extra.length > 0) {
  const grades = extra.map((entry) => readingGrade(entry.explanation)).sort((a, b) => a - b);
  const middle = Math.floor(grades.length / 2);
  const median = grades.length % 2 ? grades[middle]! : (grades[middle - 1]! + grades[middle]!) / 2;
  console.log(
    `  the ${extra.length} entries of ${process.argv.slice(2).join(', ')} alone: median ${median.toFixed(1)}`,
  );
}
const problems = [...report.invalid.map(problemText), ...report.problems];
if (problems.length === 0) {
  console.log('No rule broken.');
} else {
  console.log(`${problems.length} rule${problems.length === 1 ? '' : 's'} broken:`);
  for (const problem of problems) console.log(`  - ${problem}`);
  process.exitCode = 1;
}
