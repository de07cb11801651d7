import { browser } from 'wxt/browser';
import { t, tCount } from '@/common/i18n';
import type { BackgroundMessage, CommandName, ContentMessage } from '@/common/messages';
import { readPageState, watchStorage } from '@/common/store';

/**
 * The background is a switchboard: keyboard shortcuts and the context menu become messages to
 * the tab's content script, and content scripts' term counts become the toolbar badge.
 * It also reads storage and the glossary file for pages, and tells them when storage changes:
 * a page then never touches the storage API itself, which in Firefox costs a page several ms
 * of its main thread to set up. It holds no state of its own, so the browser can stop and
 * restart it at will.
 */
export default defineBackground(() => {
  // Firefox for Android has neither context menus nor keyboard shortcuts: without these checks
  // the first missing API would stop the background before it could answer any page.
  browser.runtime.onInstalled.addListener((details) => {
    browser.contextMenus?.create({
      id: 'explain-selection',
      title: t('menuExplainSelection'),
      contexts: ['selection'],
    });
    // Once, on a real first install (not an update, nor a temporary add-on loaded by a developer).
    if (details.reason === 'install' && !(details as { temporary?: boolean }).temporary) {
      void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html'), active: true });
    }
  });

  browser.contextMenus?.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== 'explain-selection' || tab?.id === undefined) return;
    void toTab(tab.id, { type: 'explain-selection' }, info.frameId);
  });

  browser.commands?.onCommand.addListener(async (command, tab) => {
    const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
    if (tabId !== undefined) await runCommand(command as CommandName, tabId);
  });

  watchStorage(({ userTerms }) => void toEveryTab({ type: 'state-changed', userTerms }));

  browser.runtime.onMessage.addListener((raw: unknown, sender) => {
    // Only our own content scripts and pages may talk to us.
    if (sender.id !== browser.runtime.id) return undefined;
    const message = raw as BackgroundMessage;
    switch (message.type) {
      case 'page-terms':
        if (sender.tab?.id !== undefined && sender.frameId === 0) void showBadge(sender.tab.id, message);
        return undefined;
      case 'open-options':
        return browser.tabs.create({
          url:
            browser.runtime.getURL('/options.html') +
            (message.addTerm ? `#add=${encodeURIComponent(message.addTerm)}` : ''),
        });
      case 'run-command':
        // The popup's buttons for the same actions as the shortcuts.
        return runCommand(message.command as CommandName, message.tabId);
      case 'get-page-state':
        return readPageState(message.withGlossary);
    }
    return undefined;
  });
});

async function runCommand(command: CommandName, tabId: number): Promise<void> {
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

async function toTab(tabId: number, message: ContentMessage, frameId?: number): Promise<void> {
  // A tab where content scripts can't run (a browser page) has no one to answer: nothing to do.
  await browser.tabs
    .sendMessage(tabId, message, frameId === undefined ? undefined : { frameId })
    .catch(() => undefined);
}

/** To every frame of every tab; tabs without our content script (browser pages) just don't answer. */
async function toEveryTab(message: ContentMessage): Promise<void> {
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
