import { browser } from 'wxt/browser';
import { entriesFor } from '@/common/bundled-entries';
import { isCommand } from '@/common/commands';
import { t, tCount } from '@/common/i18n';
import { backgroundListener, type ContentMessage } from '@/common/messages';
import { readPageState, writeSettingsChange } from '@/common/store';
import { findTermsForPage } from './term-finder';

/**
 * The background's handlers: keyboard shortcuts and the context menu become messages to the
 * tab's content script, content scripts' term counts become the toolbar badge, pages get what
 * they need to start, the glossary's terms in the texts they read, the entries their cards show
 * and the card view's script when their first card is about to show, and settings changes are
 * written, one after another (the one writer).
 */

/** A keyboard shortcut, for the tab it was pressed in (or the active one). */
export async function onCommand(command: string, tab?: { id?: number }): Promise<void> {
  const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (tabId === undefined || !isCommand(command)) return;
  switch (command) {
    case 'explain-selection':
      return toTab(tabId, { type: 'explain-selection' });
    case 'next-term':
      return toTab(tabId, { type: 'step-term', direction: 1 }, 0);
    case 'previous-term':
      return toTab(tabId, { type: 'step-term', direction: -1 }, 0);
    case 'toggle-site':
      return toTab(tabId, { type: 'toggle-site' }, 0);
  }
}

/** "Explain “…”" in the context menu: to the frame the selection is in. */
export async function onMenuClicked(
  info: { menuItemId: string | number; frameId?: number },
  tab?: { id?: number },
): Promise<void> {
  if (info.menuItemId !== 'explain-selection' || tab?.id === undefined) return;
  await toTab(tab.id, { type: 'explain-selection' }, info.frameId);
}

export const onMessage = backgroundListener({
  'page-terms': async (message, sender) => {
    if (sender.tab?.id !== undefined && sender.frameId === 0) await showBadge(sender.tab.id, message);
    return undefined;
  },
  'open-options': async ({ addTerm }) => {
    const hash = addTerm ? `#add=${encodeURIComponent(addTerm)}` : '';
    await browser.tabs.create({ url: browser.runtime.getURL('/options.html') + hash });
    return undefined;
  },
  'get-page-state': () => readPageState(),
  'find-terms': ({ texts }) => findTermsForPage(texts),
  'change-settings': ({ change }) => writeSettingsChange(change),
  'get-entries': ({ ids, withRelated }) => entriesFor(ids, withRelated),
  'load-card-view': async (_, sender) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined || sender.frameId === undefined) throw new Error('Only a page’s frame loads the card view');
    // Into the content script's isolated world (the default), where the view registers itself.
    await browser.scripting.executeScript({ target: { tabId, frameIds: [sender.frameId] }, files: ['/card-view.js'] });
    return undefined;
  },
});

async function toTab(tabId: number, message: ContentMessage, frameId?: number): Promise<void> {
  // A tab where content scripts can't run (a browser page) has no one to answer: nothing to do.
  await browser.tabs
    .sendMessage(tabId, message, frameId === undefined ? undefined : { frameId })
    .catch(() => undefined);
}

/** To every frame of every tab; tabs without our content script (browser pages) just don't answer. */
export async function toEveryTab(message: ContentMessage): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(tabs.map((tab) => (tab.id === undefined ? undefined : toTab(tab.id, message))));
}

async function showBadge(tabId: number, { distinct, off }: { distinct: number; off: boolean }): Promise<void> {
  const text = off ? t('badgeOff') : distinct > 0 ? String(distinct) : '';
  await browser.action.setBadgeText({ tabId, text }).catch(() => undefined);
  await browser.action.setBadgeBackgroundColor({ tabId, color: off ? '#6b7280' : '#00677f' }).catch(() => undefined);
  // A grey, struck-through icon where Plain Terms is off (built from the same SVG, see wxt.config.ts).
  const prefix = off ? 'off-' : '';
  await browser.action
    .setIcon({ tabId, path: { 16: `/icons/${prefix}16.png`, 32: `/icons/${prefix}32.png` } })
    .catch(() => undefined);
  await browser.action
    .setTitle({
      tabId,
      title: off ? t('badgeTitleOff') : tCount('badgeTitleTerms', distinct),
    })
    .catch(() => undefined);
}
