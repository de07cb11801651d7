import { useMessagesOutsideBrowser } from '@/common/i18n';
import messages from '@/public/_locales/en/messages.json';

// The core runs with no browser at all (no fake one either): where a test checks the words a
// problem is shown in, the English messages are passed in, as `npm run glossary:check` does.
useMessagesOutsideBrowser(messages);
