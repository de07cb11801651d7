import type { SiteStatus } from './site-rules';

/** Messages the popup and background send to a tab's content script. */
export type ContentMessage =
  | { type: 'get-page-info' }
  | { type: 'reveal-term'; entryId: string }
  | { type: 'step-term'; direction: 1 | -1 }
  | { type: 'explain-selection' }
  | { type: 'toggle-site' };

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
  | { type: 'run-command'; command: string; tabId: number };

/** The keyboard shortcuts (commands API); the popup lists them, the browser lets users change them. */
export const COMMANDS = {
  'explain-selection': 'Explain the selected text',
  'next-term': 'Go to the next term on the page',
  'previous-term': 'Go to the previous term on the page',
  'toggle-site': 'Switch Plain Terms off or on for this site',
} as const;

export type CommandName = keyof typeof COMMANDS;
