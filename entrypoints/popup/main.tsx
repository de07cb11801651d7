import { render } from 'preact';
import { browser } from 'wxt/browser';
import { localizeDocument, t } from '@/common/i18n';
import '@/components/pages.css';
import './popup.css';
import { PopupApp } from '@/components/popup/PopupApp';

localizeDocument(document, t('extensionName'));
// Opened as a page in a tab of its own (Firefox for Android does so): as wide as the screen.
void browser.tabs.getCurrent().then((tab) => {
  if (tab) document.documentElement.classList.add('in-tab');
});
render(<PopupApp />, document.getElementById('app')!);
