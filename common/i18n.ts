import type english from '@/public/_locales/en/messages.json';

/**
 * Every user-facing string lives in `public/_locales/<language>/messages.json` and is read
 * through the browser's i18n API (`chrome.i18n.getMessage`, synchronous in every context:
 * pages, content scripts, the background). English is the default locale; a translation is one
 * more file. Keys and which messages take substitutions are typed from the English file.
 *
 * Substitutions are positional ($1, $2, … in order of the arguments); the messages name them
 * (`$SITE$`) for translators. `tests/unit/common/i18n.test.ts` checks that every key used here exists,
 * every message is used, and each call passes as many substitutions as its message has.
 */
type Messages = typeof english;
export type MessageKey = keyof Messages;
type Substitution = string | number;
/** A message with placeholders needs its substitutions; one without takes none. */
type SubstitutionsOf<K extends MessageKey> = Messages[K] extends { placeholders: object }
  ? [Substitution, ...Substitution[]]
  : [];

interface I18nApi {
  getMessage(key: string, substitutions?: string | string[]): string;
}

export function t<K extends MessageKey>(key: K, ...substitutions: SubstitutionsOf<K>): string {
  return getMessage(key, substitutions.map(String));
}

/**
 * Messages that depend on a count have one key per plural category of their language
 * (`name_one`, `name_other`; a translation adds `name_few`, `name_many`, … as its language needs).
 * The count is $1; further substitutions follow it. chrome.i18n has no plural rules of its own.
 */
type PluralName = MessageKey extends infer K ? (K extends `${infer Name}_other` ? Name : never) : never;

export function tCount(name: PluralName, count: number, ...more: Substitution[]): string {
  const substitutions = [String(count), ...more.map(String)];
  const category = pluralRules().select(count);
  return (
    (category === 'other' ? '' : getMessage(`${name}_${category}`, substitutions)) ||
    getMessage(`${name}_other`, substitutions)
  );
}

const pluralRulesByTag = new Map<string, Intl.PluralRules>();

/** The plural rules of the language the messages are in (English wherever a translation is missing). */
function pluralRules(): Intl.PluralRules {
  const tag = t('languageTag');
  let rules = pluralRulesByTag.get(tag);
  if (!rules) {
    rules = new Intl.PluralRules(tag);
    pluralRulesByTag.set(tag, rules);
  }
  return rules;
}

/**
 * A message with elements inside it (a `<kbd>`, a styled word): the text around them comes from
 * the message, so a translation can put them where its grammar wants. Returns the pieces in
 * order, for Preact to render as children.
 */
export function tParts<T>(key: MessageKey, ...parts: T[]): Array<string | T> {
  // Private-use characters mark where each part goes; they never occur in messages.
  const text = getMessage(
    key,
    parts.map((_, index) => `\uE000${index}\uE001`),
  );
  return text
    .split(/\uE000(\d)\uE001/)
    .map((piece, index) => (index % 2 === 1 ? parts[Number(piece)]! : piece))
    .filter((piece) => piece !== '');
}

/** An extension page's `<html lang>` and `<title>`: the browser translates no HTML files. */
export function localizeDocument(doc: Document, title: string): void {
  doc.documentElement.lang = t('languageTag');
  doc.title = title;
}

function getMessage(key: string, substitutions: string[]): string {
  const api = (globalThis as { chrome?: { i18n?: I18nApi } }).chrome?.i18n ?? outsideBrowser;
  if (!api) throw new Error('No browser i18n API: outside a browser, call useMessagesOutsideBrowser first');
  return api.getMessage(key, substitutions);
}

/** A messages file as the browser would read it, for scripts (`useMessagesOutsideBrowser`) and the unit tests. */
export function englishMessage(
  messages: Record<string, { message: string; placeholders?: Record<string, { content: string }> }>,
  key: string,
  substitutions: string | ReadonlyArray<string | number> = [],
): string {
  const entry = messages[key];
  if (!entry) return '';
  const values = typeof substitutions === 'string' ? [substitutions] : substitutions.map(String);
  const placeholders = new Map(
    Object.entries(entry.placeholders ?? {}).map(([name, { content }]) => [name.toLowerCase(), content]),
  );
  // As the browsers do: $NAME$ becomes its placeholder's content, whose $1…$9 become the
  // substitutions; $$ is a dollar sign.
  return entry.message.replace(/\$\$|\$(\w+)\$/g, (whole, name?: string) =>
    name === undefined
      ? '$'
      : (placeholders.get(name.toLowerCase()) ?? whole).replace(
          /\$(\d)/g,
          (_, n: string) => values[Number(n) - 1] ?? '',
        ),
  );
}

let outsideBrowser: I18nApi | undefined;

/**
 * Outside a browser there is no i18n API: a script that shows messages (`npm run glossary:check`)
 * passes the messages file it imported. The extension itself never reads its `_locales` from files.
 */
export function useMessagesOutsideBrowser(messages: Parameters<typeof englishMessage>[0]): void {
  outsideBrowser = { getMessage: (key, substitutions) => englishMessage(messages, key, substitutions) };
}
