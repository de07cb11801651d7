import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { CommandName } from '@/common/commands';
import { t, tParts } from '@/common/i18n';

/** The page shown once, on first install: what Plain Terms does and how to use and stop it. */
export function Welcome() {
  const [keys, setKeys] = useState<Record<string, string>>({});
  useEffect(() => {
    // Firefox for Android has no keyboard shortcuts.
    void browser.commands
      ?.getAll()
      .then((commands) => setKeys(Object.fromEntries(commands.map((c) => [c.name ?? '', c.shortcut ?? '']))));
  }, []);
  const key = (name: CommandName) => <kbd>{keys[name] || t('shortcutNotSet')}</kbd>;
  return (
    <main class="welcome">
      <h1>{t('welcomeHeading')}</h1>
      <p>{tParts('welcomeIntro', <span class="example">{t('welcomeIntroExample')}</span>)}</p>
      <section aria-labelledby="privacy">
        <h2 id="privacy">{t('welcomePrivateHeading')}</h2>
        <p>{t('welcomePrivate')}</p>
      </section>
      <section aria-labelledby="off">
        <h2 id="off">{t('welcomeOffHeading')}</h2>
        <p>{tParts('welcomeOff', key('toggle-site'))}</p>
      </section>
      {browser.commands && (
        <section aria-labelledby="keys">
          <h2 id="keys">{t('keyboardHeading')}</h2>
          <p>{tParts('welcomeKeys', key('next-term'), key('previous-term'), key('explain-selection'))}</p>
        </section>
      )}
      <p class="muted">{t('welcomeDisclaimer')}</p>
    </main>
  );
}
