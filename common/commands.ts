import type { MessageKey } from './i18n';

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
