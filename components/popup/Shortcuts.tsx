import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { COMMANDS, type CommandName, isCommand } from '@/common/commands';
import { t } from '@/common/i18n';

/** The keyboard shortcuts as the browser has them now (users can change them). */
export function Shortcuts() {
  const [shortcuts, setShortcuts] = useState<Array<{ name: CommandName; shortcut: string }>>([]);
  useEffect(() => {
    // Firefox for Android has no keyboard shortcuts (nor, mostly, a keyboard): no list there.
    void browser.commands
      ?.getAll()
      .then((commands) =>
        setShortcuts(
          commands.flatMap(({ name, shortcut }) => (isCommand(name) ? [{ name, shortcut: shortcut ?? '' }] : [])),
        ),
      );
  }, []);
  const openSettings = () => {
    // Chromium has a page for it; Firefox keeps it behind about:addons, which extensions can't open.
    if (!import.meta.env.FIREFOX) void browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
  };
  if (!browser.commands) return null;
  return (
    <section aria-labelledby="keys-heading">
      <h2 id="keys-heading">{t('keyboardHeading')}</h2>
      <dl class="shortcuts">
        {shortcuts.map(({ name, shortcut }) => (
          <div key={name}>
            <dt>
              <kbd>{shortcut || t('shortcutNotSet')}</kbd>
            </dt>
            <dd>{t(COMMANDS[name])}</dd>
          </div>
        ))}
      </dl>
      <p class="muted">
        {t('shortcutsEscape')}{' '}
        {import.meta.env.FIREFOX ? (
          t('shortcutsChangeFirefox')
        ) : (
          <button type="button" class="link" onClick={openSettings}>
            {t('shortcutsChange')}
          </button>
        )}
      </p>
    </section>
  );
}
