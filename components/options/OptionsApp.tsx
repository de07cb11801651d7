import { useEffect, useState } from 'preact/hooks';
import { t } from '@/common/i18n';
import { settingsNoteText } from '@/common/problem-text';
import { applySettingsChange, type Settings, type SettingsArea, type SettingsChange } from '@/common/settings';
import { changeSettings, loadSettings, readUserTerms, takeSettingsNotes, watchStorage } from '@/common/store';
import type { OwnTerms } from '@/glossary/own-terms';
import { AppearanceSection } from './AppearanceSection';
import { OwnTermsSection } from './OwnTermsSection';
import { SitesSection } from './SitesSection';

/** A term passed in the address (`#add=…`) by a card's "Add your own explanation". */
function termFromHash(): string | null {
  const match = /^#add=(.*)$/.exec(location.hash);
  return match?.[1] ? decodeURIComponent(match[1]).slice(0, 200) : null;
}

export function OptionsApp() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [area, setArea] = useState<SettingsArea>('sync');
  const [terms, setTerms] = useState<OwnTerms>({ entries: [], unreadable: [] });
  const [notes, setNotes] = useState<string[]>([]);
  const [prefill] = useState(termFromHash);

  useEffect(() => {
    const load = async () => {
      const loaded = await loadSettings();
      setSettings(loaded.settings);
      setArea(loaded.area);
      setTerms(await readUserTerms());
      return loaded.notes;
    };
    // What the background repaired when it started, or what it will repair: each said once.
    void load().then(async (unrepaired) => {
      const said = [...(await takeSettingsNotes()), ...unrepaired].map(settingsNoteText);
      setNotes([...new Set(said)]);
    });
    return watchStorage(() => void load());
  }, []);

  useEffect(() => {
    if (settings) document.documentElement.dataset.theme = settings.theme;
  }, [settings]);

  if (!settings) return <main aria-busy="true" />;
  const save = (change: SettingsChange) => {
    setSettings(applySettingsChange(settings, change));
    void changeSettings(change).then(setArea);
  };

  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      {notes.map((note) => (
        <p key={note} class="note" role="status">
          {note}
        </p>
      ))}
      {area === 'local' && (
        <p class="note" role="status">
          {t('optionsSyncTooLarge')}
        </p>
      )}
      <SitesSection settings={settings} save={save} />
      <AppearanceSection settings={settings} save={save} />
      <OwnTermsSection ownTerms={terms} prefill={prefill} />
    </main>
  );
}
