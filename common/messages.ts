import type { GlossaryEntry } from '@/glossary/schema';
import type { MessageKey } from './i18n';
import type { Settings } from './settings';
import type { SiteStatus } from './site-rules';

/** Messages the popup and background send to a tab's content script. */
export type ContentMessage =
  | { type: 'get-page-info' }
  | { type: 'reveal-term'; entryId: string }
  | { type: 'step-term'; direction: 1 | -1 }
  | { type: 'explain-selection' }
  | { type: 'toggle-site' }
  /** Settings or own terms changed (the background watches storage for every tab). */
  | { type: 'state-changed'; userTerms: boolean };

export interface PageTermCount {
  entryId: string;
  term: string;
  count: number;
}

export interface PageInfo {
  url: string;
  status: SiteStatus;
  /** Terms found on the page, most frequent first. */
  terms: PageTermCount[];
}

/** Messages content scripts and extension pages send to the background. */
export type BackgroundMessage =
  | { type: 'page-terms'; distinct: number; off: boolean }
  | { type: 'open-options'; addTerm?: string }
  | { type: 'run-command'; command: string; tabId: number }
  /** What a page needs to start: answered with a `PageState`. */
  | { type: 'get-page-state'; withGlossary: boolean };

/** Everything a page's content script reads before it scans, in one answer. */
export interface PageState {
  settings: Settings;
  userTerms: GlossaryEntry[];
  /** The packed bundled glossary (see `packGlossary`), when asked for. */
  glossary?: string;
}

/**
 * The keyboard shortcuts (commands API), each with the message that describes it: the manifest
 * and the popup show it, the browser lets users change the keys.
 */
export const COMMANDS = {
  'explain-selection': 'commandExplainSelection',
  'next-term': 'commandNextTerm',
  'previous-term': 'commandPreviousTerm',
  'toggle-site': 'commandToggleSite',
} as const satisfies Record<string, MessageKey>;

export type CommandName = keyof typeof COMMANDS;
