import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { bundledEntries } from '@/common/bundled-entries';
import { t } from '@/common/i18n';
import { askTab, type PageInfo, pageListener } from '@/common/messages';
import { siteLabel } from '@/common/problem-text';
import { applySettingsChange, type Settings, type SettingsChange } from '@/common/settings';
import { siteStatus } from '@/common/site-rules';
import { changeSettings, loadSettings, loadUserTerms, watchStorage } from '@/common/store';
import { mergedEntries } from '@/glossary/own-terms';
import type { GlossaryEntry } from '@/glossary/schema';
import { GlossarySearch } from './GlossarySearch';
import { namedPageTerms, PageTerms } from './PageTerms';
import { Shortcuts } from './Shortcuts';

type PageState = { kind: 'loading' } | { kind: 'unreachable' } | { kind: 'ready'; tabId: number; info: PageInfo };

/** The toolbar popup: this site's switch, the page's terms, glossary search and shortcuts. */
export function PopupApp() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [userTerms, setUserTerms] = useState<GlossaryEntry[]>([]);
  /** The bundled entries, once read (null until then): the search's, and the page's terms' names. */
  const [bundled, setBundled] = useState<readonly GlossaryEntry[] | null>(null);
  const [page, setPage] = useState<PageState>({ kind: 'loading' });

  /** The tab whose terms are shown, for matching its messages. */
  const shownTab = useRef<number | undefined>(undefined);

  const refreshPage = useCallback(async () => {
    const tabId = await targetTabId();
    shownTab.current = tabId;
    if (tabId === undefined) return setPage({ kind: 'unreachable' });
    // No answer: a browser page, an extension store, or a file without access.
    const info = await askTab(tabId, { type: 'get-page-info' }, 0);
    setPage(info ? { kind: 'ready', tabId, info } : { kind: 'unreachable' });
  }, []);

  useEffect(() => {
    const load = async () => {
      setSettings((await loadSettings()).settings);
      setUserTerms(await loadUserTerms());
    };
    void load();
    void refreshPage();
    const stopWatching = watchStorage(() => void load());
    // The tab re-reads its terms on its own after a change and says so (the badge's message):
    // that is when its list is worth asking for again.
    const onMessage = pageListener({
      'page-terms': (_, sender) => {
        if (sender.tab?.id !== undefined && sender.tab.id === shownTab.current) void refreshPage();
        return undefined;
      },
    });
    browser.runtime.onMessage.addListener(onMessage);
    return () => {
      stopWatching();
      browser.runtime.onMessage.removeListener(onMessage);
    };
  }, [refreshPage]);

  useEffect(() => {
    if (settings) document.documentElement.dataset.theme = settings.theme;
  }, [settings]);

  useEffect(() => {
    void bundledEntries().then(setBundled);
  }, []);

  const entries = useMemo(() => mergedEntries(bundled ?? [], userTerms), [userTerms, bundled]);
  const pageTerms = useMemo(
    () => (page.kind === 'ready' ? namedPageTerms(page.info.terms, entries) : []),
    [page, entries],
  );

  if (!settings) return <main aria-busy="true" />;
  const save = (change: SettingsChange) => {
    setSettings(applySettingsChange(settings, change));
    void changeSettings(change);
  };
  const status = page.kind === 'ready' ? siteStatus(page.info.url, settings) : null;

  return (
    <main>
      <header class="popup-header">
        <h1>{t('extensionName')}</h1>
        <label class="switch">
          <input
            type="checkbox"
            role="switch"
            aria-checked={settings.enabled}
            checked={settings.enabled}
            onChange={(event) => save({ change: 'enabled', value: event.currentTarget.checked })}
          />
          {settings.enabled ? t('popupOnEverywhere') : t('popupOffEverywhere')}
        </label>
      </header>

      <section aria-labelledby="site-heading">
        <h2 id="site-heading" class="visually-hidden">
          {t('popupThisSite')}
        </h2>
        {page.kind === 'loading' && <p class="muted">{t('popupLoading')}</p>}
        {page.kind === 'unreachable' && <p class="site-unavailable">{t('popupUnavailable')}</p>}
        {page.kind === 'ready' && status && status.kind !== 'unsupported' && (
          <>
            <label class="switch site-switch">
              <input
                type="checkbox"
                role="switch"
                aria-checked={status.kind === 'on'}
                checked={status.kind === 'on'}
                disabled={!settings.enabled}
                onChange={(event) =>
                  save({ change: 'switch-site', url: page.info.url, on: event.currentTarget.checked })
                }
              />
              {status.kind === 'on'
                ? t('popupSiteOn', siteLabel(status.site.key))
                : t('popupSiteOff', siteLabel(status.site.key))}
            </label>
            {status.kind === 'off-here' && status.rule !== status.site.key && (
              <p class="muted">{t('popupOffForRule', status.rule)}</p>
            )}
            {status.kind === 'off-everywhere' && <p class="muted">{t('popupOffEverywhereNote')}</p>}
          </>
        )}
      </section>

      {page.kind === 'ready' && status?.kind === 'on' && bundled && (
        <PageTerms
          terms={pageTerms}
          onChoose={(entryId) => {
            void askTab(page.tabId, { type: 'reveal-term', entryId }, 0);
          }}
        />
      )}

      <GlossarySearch entries={entries} />
      <Shortcuts />

      <footer>
        <p class="muted">{t('popupDisclaimer')}</p>
        <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('popupOpenOptions')}
        </button>
      </footer>
    </main>
  );
}

/**
 * The tab the popup is about: the active one, or the one named by `?tab=ID` (how the end-to-end
 * tests open it for a tab of their choice). Firefox for Android opens the popup as a page in a
 * tab of its own, which is then the active one: there it is about the tab that opened it, or
 * failing that the one the reader was on last.
 */
async function targetTabId(): Promise<number | undefined> {
  const named = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(named) && named > 0) return named;
  const self = await browser.tabs.getCurrent();
  if (!self) {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab?.id;
  }
  if (self.openerTabId !== undefined) return self.openerTabId;
  const ours = browser.runtime.getURL('/');
  const others = (await browser.tabs.query({ currentWindow: true })).filter(
    (tab) => tab.id !== self.id && !tab.url?.startsWith(ours),
  );
  others.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  return others[0]?.id;
}
