import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { englishMessage, t, tCount, tParts, useMessagesOutsideBrowser } from '@/common/i18n';

/**
 * The messages files against the code that reads them. The code is read with TypeScript's
 * parser, not run: every call of t(), tCount() and tParts() with a literal key is checked, and
 * every string literal counts as a use of the key it spells (tables of keys, like COMMANDS).
 */

const ROOT = join(import.meta.dirname, '../../..');
const LOCALES = join(ROOT, 'public/_locales');
const SOURCE_DIRS = ['common', 'components', 'entrypoints', 'glossary'];

interface Message {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
type Messages = Record<string, Message>;

const readMessages = (locale: string): Messages =>
  JSON.parse(readFileSync(join(LOCALES, locale, 'messages.json'), 'utf8'));
const english = readMessages('en');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

interface Call {
  fn: 't' | 'tCount' | 'tParts';
  /** The key (for tCount, the plural name), when it is a string literal. */
  key: string | null;
  /** How many substitutions the call passes: $1, $2, … */
  substitutions: number;
  at: string;
}

const PLURAL_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'];
const I18N_FUNCTIONS = new Set(['t', 'tCount', 'tParts']);

/**
 * Attributes a user reads or hears. `accept`, `class`, `type` and the like hold letters that
 * are not text, so attributes are checked only by name.
 */
const VISIBLE_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-placeholder',
  'aria-roledescription',
  'aria-valuetext',
  'alt',
  'label',
  'placeholder',
  'title',
]);

const hasLetters = (text: string) => /\p{L}/u.test(text);

/** What a JSX expression renders as text: itself, or the branches of ( ), a ? b : c, a && b, a || b, a ?? b, [ ]. */
function renderedParts(expression: ts.Expression): ts.Expression[] {
  if (ts.isParenthesizedExpression(expression)) return renderedParts(expression.expression);
  if (ts.isConditionalExpression(expression)) {
    return [...renderedParts(expression.whenTrue), ...renderedParts(expression.whenFalse)];
  }
  if (ts.isBinaryExpression(expression)) {
    const op = expression.operatorToken.kind;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) return renderedParts(expression.right);
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
      return [...renderedParts(expression.left), ...renderedParts(expression.right)];
    }
  }
  if (ts.isArrayLiteralExpression(expression)) return expression.elements.flatMap(renderedParts);
  return [expression];
}

/**
 * Everything the parser finds in the extension's code: string literals, calls of the message
 * functions, and user-visible text written into JSX.
 */
function scanSources() {
  const files = [...SOURCE_DIRS.flatMap((dir) => sourceFiles(join(ROOT, dir))), join(ROOT, 'wxt.config.ts')];
  const literals = new Set<string>();
  const calls: Call[] = [];
  const jsxText: string[] = [];

  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const where = (node: ts.Node) =>
      `${relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;

    /**
     * The JSX rule: text a user reads must come from a message. In JSX that means no letters
     * in text nodes, in visible attributes' string values, or in a string a JSX expression
     * renders directly ({'…'}, {a ? '…' : '…'}, {a && '…'}). Such text must be t(…) instead.
     * Strings built outside JSX (state, error lists) can't be told apart from keys and ids
     * this simply; the messages above them were moved by hand.
     */
    const checkRendered = (expression: ts.Expression): void => {
      for (const part of renderedParts(expression)) {
        const text =
          ts.isStringLiteral(part) || ts.isNoSubstitutionTemplateLiteral(part)
            ? part.text
            : ts.isTemplateExpression(part)
              ? [part.head.text, ...part.templateSpans.map((span) => span.literal.text)].join('')
              : '';
        if (hasLetters(text)) jsxText.push(`${where(part)}: ${JSON.stringify(text)}`);
      }
    };

    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) literals.add(node.text);
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && I18N_FUNCTIONS.has(node.expression.text)) {
        const [first, ...rest] = node.arguments;
        expect(rest.some(ts.isSpreadElement), `${where(node)}: spread substitutions can't be counted`).toBe(false);
        calls.push({
          fn: node.expression.text as Call['fn'],
          key: first && ts.isStringLiteral(first) ? first.text : null,
          substitutions: rest.length,
          at: where(node),
        });
      }
      if (ts.isJsxText(node) && hasLetters(node.text))
        jsxText.push(`${where(node)}: ${JSON.stringify(node.text.trim())}`);
      if (ts.isJsxAttribute(node) && VISIBLE_ATTRIBUTES.has(node.name.getText(source)) && node.initializer) {
        if (ts.isStringLiteral(node.initializer) && hasLetters(node.initializer.text)) {
          jsxText.push(`${where(node)}: ${JSON.stringify(node.initializer.text)}`);
        }
        if (ts.isJsxExpression(node.initializer) && node.initializer.expression) {
          checkRendered(node.initializer.expression);
        }
      }
      if (
        ts.isJsxExpression(node) &&
        node.expression &&
        (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))
      ) {
        checkRendered(node.expression);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { literals, calls, jsxText };
}

const { literals, calls, jsxText } = scanSources();
/** Messages the manifest names (`__MSG_extensionName__`, in wxt.config.ts). */
const manifestNames = [...literals].flatMap((text) => [...text.matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]!));

/** The substitution numbers a message's placeholders use ($1 → 1). */
function substitutionsOf(message: Message): number[] {
  return Object.values(message.placeholders ?? {})
    .map(({ content }) => Number(/^\$(\d)$/.exec(content)?.[1] ?? Number.NaN))
    .sort((a, b) => a - b);
}

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

/** The forms of a plural message in `messages`: name_one, name_other, … */
const pluralForms = (messages: Messages, name: string) =>
  PLURAL_CATEGORIES.map((category) => `${name}_${category}`).filter((key) => key in messages);

const pluralNameOf = (key: string) => /^(.+)_(?:zero|one|two|few|many|other)$/.exec(key)?.[1];

/** What is wrong with a messages file on its own: names, empty or padded messages, placeholders. */
function formProblems(messages: Messages): string[] {
  return Object.entries(messages).flatMap(([key, entry]) => {
    const problems: string[] = [];
    if (!/^[A-Za-z0-9_]+$/.test(key)) problems.push('a key is letters, digits and _');
    if (!entry.message || entry.message.trim() !== entry.message) problems.push('empty or padded');
    const named = new Set([...entry.message.matchAll(/\$(\w+)\$/g)].map((m) => m[1]!.toLowerCase()));
    const defined = new Set(Object.keys(entry.placeholders ?? {}).map((name) => name.toLowerCase()));
    for (const name of named) if (!defined.has(name)) problems.push(`$${name.toUpperCase()}$ has no placeholder`);
    for (const name of defined) if (!named.has(name)) problems.push(`placeholder ${name} is not in the message`);
    // Substitutions go through named placeholders only; "$$" is a dollar sign.
    if (entry.message.replace(/\$\$|\$\w+\$/g, '').includes('$')) problems.push('a stray $');
    const numbers = substitutionsOf(entry);
    if (new Set(numbers).size !== numbers.length || !numbers.every((n) => n >= 1 && n <= 9)) {
      problems.push('each placeholder holds its own $1 … $9');
    }
    return problems.map((problem) => `${key}: ${problem}`);
  });
}

it('the English messages are well formed, their placeholders defined and used', () => {
  expect(Object.keys(english).length).toBeGreaterThan(100);
  expect(formProblems(english)).toEqual([]);
});

describe('messages and the code that shows them', () => {
  it('every key the code uses has a message', () => {
    const missing = calls.flatMap(({ fn, key, at }) => {
      if (key === null) return [];
      const found = fn === 'tCount' ? `${key}_other` in english : key in english;
      return found ? [] : [`${at}: ${fn === 'tCount' ? `${key}_other` : key}`];
    });
    expect(manifestNames.length).toBeGreaterThan(0);
    missing.push(...manifestNames.filter((name) => !(name in english)).map((name) => `manifest: ${name}`));
    expect(missing).toEqual([]);
  });

  it('every message is used', () => {
    const pluralNames = new Set(calls.filter((call) => call.fn === 'tCount').map((call) => call.key));
    const unused = Object.keys(english).filter((key) => {
      const plural = pluralNameOf(key);
      return !literals.has(key) && !manifestNames.includes(key) && !(plural && pluralNames.has(plural));
    });
    expect(unused).toEqual([]);
  });

  it('each call passes as many substitutions as its message has placeholders', () => {
    const wrong = calls.flatMap(({ fn, key, substitutions, at }) => {
      if (key === null) return [];
      if (fn !== 'tCount') {
        const entry = english[key];
        if (!entry) return [];
        return substitutionsOf(entry).join() === range(1, substitutions).join()
          ? []
          : [`${at}: ${key} has placeholders for ${substitutionsOf(entry).length}, the call passes ${substitutions}`];
      }
      // tCount passes the count as $1, then its other substitutions. A form may leave out the
      // count ("once"), never the others.
      return pluralForms(english, key).flatMap((form) => {
        const numbers = substitutionsOf(english[form]!);
        const others = numbers.filter((n) => n !== 1);
        return others.join() === range(2, substitutions).join() && numbers.every((n) => n <= substitutions)
          ? []
          : [
              `${at}: ${form} uses ${numbers.map((n) => `$${n}`).join(' ') || 'none'}, the call passes ${substitutions}`,
            ];
      });
    });
    expect(wrong).toEqual([]);
  });

  it('text in JSX comes from messages, never written into the markup', () => {
    expect(jsxText).toEqual([]);
  });
});

it('translations have only keys English has, with the same placeholders, and their language’s plural forms', () => {
  const problems = readdirSync(LOCALES)
    .filter((locale) => locale !== 'en')
    .flatMap((locale) => {
      const messages = readMessages(locale);
      const wrong = Object.entries(messages).flatMap(([key, entry]) => {
        // A language with more plural forms than English adds name_few, name_many, …; any
        // form may leave out the count ($1).
        const plural = pluralNameOf(key);
        const model = english[key] ?? (plural ? english[`${plural}_other`] : undefined);
        if (!model) return [`${key} is not an English message`];
        const compared = (message: Message) => substitutionsOf(message).filter((n) => !plural || n !== 1);
        return compared(entry).join() === compared(model).join() ? [] : [`${key}: not the placeholders of English`];
      });
      // Every plural form the language has, for each count message the translation has.
      const categories = new Intl.PluralRules(messages.languageTag?.message ?? 'en').resolvedOptions().pluralCategories;
      for (const key of Object.keys(messages)) {
        const plural = key.endsWith('_other') ? pluralNameOf(key) : undefined;
        for (const category of plural ? categories : []) {
          if (!(`${plural}_${category}` in messages)) wrong.push(`${plural}_${category} is missing`);
        }
      }
      // The tag says which language the browser picked (for <html lang> and plural rules).
      if (messages.languageTag?.message !== locale.replace('_', '-'))
        wrong.push('languageTag is not the folder’s language');
      return [...formProblems(messages), ...wrong].map((problem) => `${locale}: ${problem}`);
    });
  expect(problems).toEqual([]);
});

describe('t, tCount and tParts', () => {
  it('fill placeholders by position', () => {
    expect(t('popupSiteOn', 'example.com')).toBe('On for example.com');
    expect(t('validateDuplicateId', 'Entry 2 ("lymph")', 1)).toBe(
      'Entry 2 ("lymph"): field "id" repeats the id of entry 1',
    );
  });

  it('pick the plural form by the rules of the messages’ language', () => {
    expect(tCount('pageTermsCount', 1)).toBe('once');
    expect(tCount('pageTermsCount', 2)).toBe('2 times');
    expect(tCount('pageTermsCount', 0)).toBe('0 times');
    expect(tCount('importDone', 1, 'mine.csv')).toBe('Imported 1 term from mine.csv.');
    expect(tCount('importDone', 12, 'mine.csv')).toBe('Imported 12 terms from mine.csv.');
  });

  it('put elements where the message places them', () => {
    const parts = tParts('welcomeKeys', { key: 'next' }, { key: 'previous' }, { key: 'explain' });
    expect(parts[0]).toEqual({ key: 'next' });
    expect(parts[1]).toBe(' goes to the next term on the page and opens its card; ');
    expect(parts[2]).toEqual({ key: 'previous' });
    expect(parts.filter((part) => typeof part !== 'string')).toHaveLength(3);
  });

  it('read the messages a script passes where there is no browser (Node: the glossary check), and no file of their own', () => {
    const global = globalThis as { chrome?: unknown };
    const fake = global.chrome;
    global.chrome = undefined;
    try {
      expect(() => t('extensionName')).toThrow(/useMessagesOutsideBrowser/);
      useMessagesOutsideBrowser(JSON.parse(readFileSync(join(LOCALES, 'en', 'messages.json'), 'utf8')));
      expect(t('extensionName')).toBe('Plain Terms');
      expect(t('settingsNoteReset', 'Theme')).toBe(
        'The saved value for “Theme” was not valid and is back to its default.',
      );
    } finally {
      global.chrome = fake;
    }
  });

  it('resolve as browsers do: $$ is a dollar sign, a missing key is empty', () => {
    const messages = { price: { message: 'Costs $$$AMOUNT$', placeholders: { amount: { content: '$1' } } } };
    expect(englishMessage(messages, 'price', ['5'])).toBe('Costs $5');
    expect(englishMessage(messages, 'nothing')).toBe('');
  });
});
