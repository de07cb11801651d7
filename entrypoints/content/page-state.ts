import { browser } from 'wxt/browser';
import type { BackgroundMessage, PageState } from '@/common/messages';
import { readPageState, watchStorage } from '@/common/store';

/**
 * What the page needs before it scans (settings, own terms, the glossary), asked of the
 * background in one message: in Firefox the first use of the storage API and of fetch costs a
 * page's main thread several ms each, a message a fraction of one. The background also tells the
 * page when storage changes (a `state-changed` message).
 *
 * If the background can't answer (the browser is restarting it), the page reads storage itself,
 * and from then on watches it itself too, so no change is missed.
 */
export async function loadPageState(withGlossary: boolean, onChange: (userTerms: boolean) => void): Promise<PageState> {
  const message: BackgroundMessage = { type: 'get-page-state', withGlossary };
  const answer = (await browser.runtime.sendMessage(message).catch(() => undefined)) as PageState | undefined;
  if (answer?.settings && (answer.glossary !== undefined || !withGlossary)) return answer;
  watchDirectly(onChange);
  return readPageState(withGlossary);
}

let watching = false;

function watchDirectly(onChange: (userTerms: boolean) => void): void {
  if (watching) return;
  watching = true;
  watchStorage(({ userTerms }) => onChange(userTerms));
}
