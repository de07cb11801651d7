import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { COMMANDS } from '@/common/commands';
import { DEFAULT_SETTINGS } from '@/common/settings';
import { loadSettings } from '@/common/store';
import { onCommand, onMenuClicked, onMessage } from '@/entrypoints/background/switchboard';

const ours = () => ({ id: fakeBrowser.runtime.id });

describe('the background’s handlers', () => {
  let sent: Array<{ tabId: number; message: unknown; options: unknown }>;
  beforeEach(() => {
    fakeBrowser.reset();
    sent = [];
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (
      tabId: number,
      message: unknown,
      options: unknown,
    ) => {
      sent.push({ tabId, message, options });
    }) as never);
  });

  it.each([
    ['explain-selection', { type: 'explain-selection' }, undefined],
    ['next-term', { type: 'step-term', direction: 1 }, { frameId: 0 }],
    ['previous-term', { type: 'step-term', direction: -1 }, { frameId: 0 }],
    ['toggle-site', { type: 'toggle-site' }, { frameId: 0 }],
  ] as const)('turn the %s shortcut into its message to the tab', async (command, message, options) => {
    await onCommand(command, { id: 7 });
    expect(sent).toEqual([{ tabId: 7, message, options }]);
  });

  it('have a message for every shortcut the manifest declares, and ignore others', async () => {
    for (const command of Object.keys(COMMANDS)) await onCommand(command, { id: 1 });
    expect(sent).toHaveLength(Object.keys(COMMANDS).length);
    await onCommand('_execute_action', { id: 1 });
    expect(sent).toHaveLength(Object.keys(COMMANDS).length);
  });

  it('send the context menu’s “Explain” to the frame the selection is in', async () => {
    await onMenuClicked({ menuItemId: 'explain-selection', frameId: 3 }, { id: 7 });
    await onMenuClicked({ menuItemId: 'something-else', frameId: 3 }, { id: 7 });
    expect(sent).toEqual([{ tabId: 7, message: { type: 'explain-selection' }, options: { frameId: 3 } }]);
  });

  it('write one settings change, and answer where the settings are kept', async () => {
    await expect(
      onMessage({ type: 'change-settings', change: { change: 'theme', value: 'dark' } }, ours()),
    ).resolves.toBe('sync');
    expect((await loadSettings()).settings).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
  });

  it.each([
    [
      'a message from another extension or a page',
      { type: 'change-settings', change: { change: 'enabled', value: false } },
      { id: 'someone-else' },
    ],
    ['an unknown type', { type: 'run-command', command: 'toggle-site', tabId: 1 }, undefined],
    ['a field of the wrong type', { type: 'change-settings', change: { change: 'enabled', value: 'no' } }, undefined],
    [
      'a setting that does not exist',
      { type: 'change-settings', change: { change: 'sparkles', value: true } },
      undefined,
    ],
    ['no type at all', 'get-page-state', undefined],
  ])('drop %s without an answer', async (_, message, sender) => {
    expect(onMessage(message, sender ?? ours())).toBeUndefined();
    expect((await loadSettings()).settings).toEqual(DEFAULT_SETTINGS);
  });
});
