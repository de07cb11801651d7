import { askBackground, type PageState } from '@/common/messages';
import { loadSettings, loadUserTerms, watchStorage } from '@/common/store';

/**
 * What the page needs before it scans (settings, own terms), asked of the background in one
 * message: in Firefox the first use of the storage API costs a page's main thread several ms, a
 * message a fraction of one. The background also tells the page when storage changes (a
 * `state-changed` message). The glossary stays in the background, which finds its terms in the
 * page's text (match/match-run.ts) and sends the entries a card shows as the card needs them: no
 * file of the extension is open to pages (a page that could load one would know Plain Terms is
 * installed).
 *
 * If the background can't answer (the browser is starting or restarting it), the page reads
 * storage itself, and from then on watches it itself too, so no change is missed.
 */
export async function loadPageState(onChange: (userTerms: boolean) => void): Promise<PageState> {
  const answer = await askBackground({ type: 'get-page-state' });
  if (answer) return answer;
  watchDirectly(onChange);
  const [{ settings }, userTerms] = await Promise.all([loadSettings(), loadUserTerms()]);
  return { settings, userTerms };
}

let watching = false;

function watchDirectly(onChange: (userTerms: boolean) => void): void {
  if (watching) return;
  watching = true;
  watchStorage(({ userTerms }) => onChange(userTerms));
}
