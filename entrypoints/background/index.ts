import { browser } from 'wxt/browser';
import { t } from '@/common/i18n';
import { repairStoredSettings, watchStorage } from '@/common/store';
import { onCommand, onMenuClicked, onMessage, toEveryTab } from './switchboard';
import { forgetOwnTerms } from './term-finder';

/**
 * The background is a switchboard (switchboard.ts holds its handlers): keyboard shortcuts and the
 * context menu become messages to the tab's content script, and content scripts' term counts
 * become the toolbar badge. It also finds the glossary's terms in the texts pages read
 * (term-finder.ts), reads storage and the glossary's entries for pages, tells them when storage
 * changes, and is the one writer of settings: a page then never touches the storage API itself,
 * which in Firefox costs a page several ms of its main thread to set up. It holds nothing it
 * can't read again (the glossary's index is parsed anew after a restart), so the browser can stop
 * and restart it at will.
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
    if (details.reason === 'install' && !('temporary' in details && details.temporary)) {
      void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html'), active: true });
    }
  });
  browser.contextMenus?.onClicked.addListener((info, tab) => void onMenuClicked(info, tab));
  browser.commands?.onCommand.addListener((command, tab) => onCommand(command, tab));
  browser.runtime.onMessage.addListener(onMessage);
  watchStorage(({ userTerms }) => {
    // Before pages hear of it: the texts they read again are matched against the new own terms.
    if (userTerms) forgetOwnTerms();
    void toEveryTab({ type: 'state-changed', userTerms });
  });
  void repairStoredSettings();
});
