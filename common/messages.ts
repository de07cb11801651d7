import * as v from 'valibot';
import { browser } from 'wxt/browser';
import type { TermsInText } from '@/glossary/matcher';
import type { GlossaryEntry } from '@/glossary/schema';
import { onFirstUse } from './on-first-use';
import { type Settings, type SettingsArea, settingsChangeSchema } from './settings';

/**
 * Every message between a page's content script, the popup, the options page and the background:
 * one valibot variant per receiver, checked where it arrives (`listener`), and a typed reply per
 * request. What a page says is checked wherever it arrives: a message of an older or newer
 * version, or from a page that isn't ours, is dropped, and a page's answer to the popup
 * (`askTab`) is checked too. The background's answers are not checked again: it is the
 * extension's own privileged side, and what it answers with it read and checked itself (settings
 * and own terms from storage, entries from the package).
 *
 * The schemas are built on first use (`onFirstUse`): the content script runs on every page, and
 * building them all there, and checking the page's state with them, cost each page about 1 ms
 * of V8 compiling valibot's code (docs/performance.md).
 */

// --- What each side answers with ---

const siteStatusSchema = () =>
  v.variant('kind', [
    v.object({ kind: v.literal('on'), site: v.object({ key: v.string() }) }),
    v.object({ kind: v.literal('off-here'), site: v.object({ key: v.string() }), rule: v.string() }),
    v.object({ kind: v.literal('off-everywhere'), site: v.object({ key: v.string() }) }),
    v.object({ kind: v.literal('unsupported') }),
  ]);

const pageInfoSchema = () =>
  v.object({
    url: v.string(),
    status: siteStatusSchema(),
    /**
     * The entries found on the page, by id, and how often each occurs. No names: the popup has every
     * entry's name already (it reads the glossary's entries for its search), and a page has only ids.
     */
    terms: v.array(v.object({ entryId: v.string(), count: v.number() })),
  });
export type PageInfo = v.InferOutput<ReturnType<typeof pageInfoSchema>>;
export type PageTermCount = PageInfo['terms'][number];

/** Everything a page's content script reads before it scans, in one answer. */
export interface PageState {
  settings: Settings;
  userTerms: GlossaryEntry[];
}

// --- To a tab's content script (from the popup and the background) ---

const contentMessageSchema = onFirstUse(() =>
  v.variant('type', [
    v.object({ type: v.literal('get-page-info') }),
    v.object({ type: v.literal('reveal-term'), entryId: v.string() }),
    v.object({ type: v.literal('step-term'), direction: v.picklist([1, -1]) }),
    v.object({ type: v.literal('explain-selection') }),
    v.object({ type: v.literal('toggle-site') }),
    /** Settings or own terms changed (the background watches storage for every tab). */
    v.object({ type: v.literal('state-changed'), userTerms: v.boolean() }),
  ]),
);
export type ContentMessage = v.InferOutput<ReturnType<typeof contentMessageSchema>>;

/** What the content script answers to each message (frames other than the top one answer nothing). */
export interface ContentReplies {
  'get-page-info': PageInfo | undefined;
  'reveal-term': undefined;
  'step-term': undefined;
  'explain-selection': undefined;
  'toggle-site': undefined;
  'state-changed': undefined;
}

const contentReplies = onFirstUse(
  (): ReplySchemas<ContentReplies> => ({
    'get-page-info': v.optional(pageInfoSchema()),
    'reveal-term': v.undefined(),
    'step-term': v.undefined(),
    'explain-selection': v.undefined(),
    'toggle-site': v.undefined(),
    'state-changed': v.undefined(),
  }),
);

// --- To the background (from content scripts and extension pages) ---

/** The most entries one `get-entries` may ask for: a card needs one, or an own term's related ones. */
export const MAX_ENTRIES_ASKED = 50;

const backgroundMessageSchema = onFirstUse(() =>
  v.variant('type', [
    /** The top frame's count of distinct terms, for the badge (the popup listens for it too). */
    v.object({ type: v.literal('page-terms'), distinct: v.pipe(v.number(), v.integer()), off: v.boolean() }),
    v.object({ type: v.literal('open-options'), addTerm: v.optional(v.string()) }),
    /** What a page needs to start: answered with a `PageState`. */
    v.object({ type: v.literal('get-page-state') }),
    /** The texts a page read, to find the glossary's terms in (the match step runs in the background). */
    v.object({ type: v.literal('find-terms'), texts: v.array(v.string()) }),
    /** One change of one setting; the background is the one writer of settings (common/store.ts). */
    v.object({ type: v.literal('change-settings'), change: settingsChangeSchema() }),
    /** Run the card view's script (card-view.js) in the sender's frame: its first card is about to show. */
    v.object({ type: v.literal('load-card-view') }),
    /**
     * The bundled entries a card is about to show (and with `withRelated`, those they name as
     * related): a page holds no glossary, and asks for entries as it needs them.
     */
    v.object({
      type: v.literal('get-entries'),
      ids: v.pipe(v.array(v.string()), v.minLength(1), v.maxLength(MAX_ENTRIES_ASKED)),
      withRelated: v.boolean(),
    }),
  ]),
);
export type BackgroundMessage = v.InferOutput<ReturnType<typeof backgroundMessageSchema>>;

export interface BackgroundReplies {
  'page-terms': undefined;
  'open-options': undefined;
  'get-page-state': PageState;
  /** For each text, in order: the terms found in it, or null where there are none. */
  'find-terms': (TermsInText | null)[];
  /** Where the settings are now kept. */
  'change-settings': SettingsArea;
  /** The entries found of those asked for (and their related ones, when asked). */
  'get-entries': GlossaryEntry[];
  /** Once the card view's script has run in the frame. */
  'load-card-view': undefined;
}

type ReplySchemas<Replies> = { [Type in keyof Replies]: v.GenericSchema<unknown, Replies[Type]> };

// --- Sending ---

/**
 * Asks the background: null when it gave no answer (it may be starting or restarting, or no
 * context of ours listens). Its answer is not checked again (see the top of this file).
 */
export async function askBackground<M extends BackgroundMessage>(
  message: M,
): Promise<BackgroundReplies[M['type']] | null> {
  const reply = await browser.runtime.sendMessage(message).then(
    (reply: unknown) => reply as BackgroundReplies[M['type']] | undefined,
    () => null,
  );
  return reply ?? null;
}

/** Asks a tab's content script (its top frame, or the frame given); null when none answered as it should. */
export async function askTab<M extends ContentMessage>(
  tabId: number,
  message: M,
  frameId?: number,
): Promise<ContentReplies[M['type']] | null> {
  const sent = browser.tabs.sendMessage(tabId, message, frameId === undefined ? undefined : { frameId });
  return checkedReply(replySchema<ContentReplies, M['type']>(contentReplies(), message.type), sent);
}

function replySchema<Replies, Type extends keyof Replies>(
  schemas: ReplySchemas<Replies>,
  type: Type,
): v.GenericSchema<unknown, Replies[Type]> {
  return schemas[type];
}

async function checkedReply<Reply>(
  schema: v.GenericSchema<unknown, Reply>,
  sent: Promise<unknown>,
): Promise<Reply | null> {
  const answer = await sent.then(
    (reply) => ({ reply }),
    () => null,
  );
  if (!answer) return null;
  const checked = v.safeParse(schema, answer.reply);
  return checked.success ? checked.output : null;
}

// --- Receiving ---

interface Sender {
  id?: string;
  tab?: { id?: number };
  frameId?: number;
}

type Handlers<Message extends { type: string }, Replies extends Record<Message['type'], unknown>> = {
  [Type in Message['type']]: (
    message: Extract<Message, { type: Type }>,
    sender: Sender,
  ) => Replies[Type] | Promise<Replies[Type]>;
};

/**
 * A `runtime.onMessage` listener that passes each message from our own extension, once checked,
 * to its handler. Messages with no handler here get no answer (`undefined`, not a promise), so
 * another context can answer them: the popup hears what content scripts send the background.
 * A message of a type handled here that fails its check is answered with an error that says
 * what is wrong with it (the sender's `sendMessage` rejects with it), rather than left unanswered.
 */
function listener<Message extends { type: string }, Replies extends Record<Message['type'], unknown>>(
  schema: () => v.GenericSchema<unknown, Message>,
  handlers: Partial<Handlers<Message, Replies>>,
) {
  return (raw: unknown, sender: Sender): Promise<unknown> | undefined => {
    // Only our own content scripts and pages may talk to us.
    if (sender.id !== browser.runtime.id) return undefined;
    const checked = v.safeParse(schema(), raw);
    if (!checked.success) {
      const type = (raw as { type?: unknown } | null)?.type;
      if (typeof type !== 'string' || !Object.hasOwn(handlers, type)) return undefined;
      return Promise.reject(new Error(`Malformed "${type}" message: ${v.summarize(checked.issues)}`));
    }
    const message = checked.output;
    // TypeScript can't pair a union's member with its own handler; the variant checked that pairing.
    const type: Message['type'] = message.type;
    const handler = handlers[type] as ((message: Message, sender: Sender) => unknown) | undefined;
    return handler ? Promise.resolve(handler(message, sender)) : undefined;
  };
}

/** The background's listener: every message type has its handler, each with its typed reply. */
export const backgroundListener = (handlers: Handlers<BackgroundMessage, BackgroundReplies>) =>
  listener<BackgroundMessage, BackgroundReplies>(backgroundMessageSchema, handlers);

/** An extension page's listener for what it wants to hear of the messages sent to the background. */
export const pageListener = (handlers: Partial<Handlers<BackgroundMessage, BackgroundReplies>>) =>
  listener<BackgroundMessage, BackgroundReplies>(backgroundMessageSchema, handlers);

/** A content script's listener. */
export const contentListener = (handlers: Handlers<ContentMessage, ContentReplies>) =>
  listener<ContentMessage, ContentReplies>(contentMessageSchema, handlers);
