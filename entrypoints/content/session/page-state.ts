import { askBackground, type PageState } from '@/common/messages';
import { loadSettings, loadUserTerms, NO_GLOSSARY, watchStorage } from '@/common/store';

/** Waits before asking a background that couldn't answer for the glossary again. */
const GLOSSARY_RETRY_MS = [250, 1000, 4000];

/**
 * What the page needs before it scans (settings, own terms, the glossary's trie), asked of the
 * background in one message: in Firefox the first use of the storage API and of fetch costs a
 * page's main thread several ms each, a message a fraction of one. The background also tells the
 * page when storage changes (a `state-changed` message).
 *
 * If the background can't answer (the browser is starting or restarting it), the page reads
 * storage itself, and from then on watches it itself too, so no change is missed. The glossary
 * only the background can read (its trie here; the entries a card shows, as the card needs them): no file of the extension is open to pages (a page that could load
 * one would know Plain Terms is installed), so the page asks again a few times, and meanwhile
 * explains the reader's own terms only.
 */
export async function loadPageState(withGlossary: boolean, onChange: (userTerms: boolean) => void): Promise<PageState> {
  const answer = await ask(withGlossary);
  if (answer) return answer;
  watchDirectly(onChange);
  const [{ settings }, userTerms] = await Promise.all([loadSettings(), loadUserTerms()]);
  if (!withGlossary) return { settings, userTerms };
  for (const ms of GLOSSARY_RETRY_MS) {
    await new Promise((resolve) => setTimeout(resolve, ms));
    const again = await ask(true);
    if (again) return { settings, userTerms, glossary: again.glossary };
  }
  return { settings, userTerms, glossary: NO_GLOSSARY };
}

/** The background's answer, or null when it gave none (or not all that was asked). */
async function ask(withGlossary: boolean): Promise<PageState | null> {
  const answer = await askBackground({ type: 'get-page-state', withGlossary });
  return answer && (answer.glossary !== undefined || !withGlossary) ? answer : null;
}

let watching = false;

function watchDirectly(onChange: (userTerms: boolean) => void): void {
  if (watching) return;
  watching = true;
  watchStorage(({ userTerms }) => onChange(userTerms));
}
