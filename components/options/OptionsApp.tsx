import { useEffect, useState } from 'preact/hooks';
import { t } from '@/common/i18n';
import type { Settings } from '@/common/settings';
import {
  loadSettings,
  loadUserTerms,
  type SettingsArea,
  saveSettings,
  takeSettingsNotes,
  watchStorage,
} from '@/common/store';
import type { GlossaryEntry } from '@/glossary/schema';
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
  const [terms, setTerms] = useState<GlossaryEntry[]>([]);
  const [notes, setNotes] = useState<string[]>([]);
  const [prefill] = useState(termFromHash);

  useEffect(() => {
    const load = async () => {
      const loaded = await loadSettings();
      setSettings(loaded.settings);
      setArea(loaded.area);
      setTerms(await loadUserTerms());
    };
    void load().then(async () => setNotes(await takeSettingsNotes()));
    return watchStorage(() => void load());
  }, []);

  useEffect(() => {
    if (settings) document.documentElement.dataset.theme = settings.theme;
  }, [settings]);

  if (!settings) return <main aria-busy="true" />;
  const save = (change: Partial<Settings>) => {
    const next = { ...settings, ...change };
    setSettings(next);
    void saveSettings(next).then(setArea);
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
      <OwnTermsSection terms={terms} prefill={prefill} />
    </main>
  );
}
