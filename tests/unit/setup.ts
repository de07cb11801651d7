import { fakeBrowser } from 'wxt/testing/fake-browser';
import { englishMessage } from '@/common/i18n';
import messages from '@/public/_locales/en/messages.json';

// WXT's fake browser leaves i18n unimplemented: answer as a browser with the English messages
// would, so tests of visible text test what users read.
fakeBrowser.i18n.getMessage = (key: string, substitutions?: string | (string | number)[]) =>
  englishMessage(messages, key, substitutions);
