import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';

/** The page shown once, on first install: what Plain Terms does and how to use and stop it. */
export function Welcome() {
  const [keys, setKeys] = useState<Record<string, string>>({});
  useEffect(() => {
    void browser.commands
      .getAll()
      .then((commands) => setKeys(Object.fromEntries(commands.map((c) => [c.name ?? '', c.shortcut ?? '']))));
  }, []);
  const key = (name: string) => <kbd>{keys[name] || 'not set'}</kbd>;
  return (
    <main class="welcome">
      <h1>Plain Terms is ready</h1>
      <p>
        While you read, Plain Terms marks the health words it knows with a <span class="example">dotted underline</span>
        . Rest the pointer on one and a small card explains it in plain words. Escape closes the card.
      </p>
      <section aria-labelledby="privacy">
        <h2 id="privacy">Private</h2>
        <p>
          Everything happens in your browser. Plain Terms sends nothing anywhere and changes nothing on the pages you
          read.
        </p>
      </section>
      <section aria-labelledby="off">
        <h2 id="off">Switch it off for a site</h2>
        <p>
          Click the Plain Terms button in the toolbar and turn off “On for this site”. It stays off there until you turn
          it back on, and every open tab of that site updates at once. The shortcut {key('toggle-site')} does the same.
        </p>
      </section>
      <section aria-labelledby="keys">
        <h2 id="keys">Keyboard</h2>
        <p>
          {key('next-term')} goes to the next term on the page and opens its card; {key('previous-term')} goes back.{' '}
          {key('explain-selection')} explains the text you selected. You can change these in your browser’s extension
          shortcut settings.
        </p>
      </section>
      <p class="muted">Plain Terms explains words; it is not medical advice.</p>
    </main>
  );
}
