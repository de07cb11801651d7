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

/** Whether the browser's name for a command (it also has its own, like `_execute_action`) is one of ours. */
export const isCommand = (name: string | undefined): name is CommandName => name !== undefined && name in COMMANDS;
