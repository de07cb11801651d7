import { useState } from 'preact/hooks';
import type { Settings } from '@/common/settings';
import { ruleFromInput } from '@/common/site-rules';

interface Props {
  settings: Settings;
  save: (change: Partial<Settings>) => void;
}

const labelOf = (rule: string) => (rule === 'file:' ? 'local files' : rule);

export function SitesSection({ settings, save }: Props) {
  const [input, setInput] = useState('');
  const [error, setError] = useState('');
  const add = (event: Event) => {
    event.preventDefault();
    const rule = ruleFromInput(input);
    if (!rule) return setError(`“${input.trim()}” is not a site address. Try a host name like example.com.`);
    setError('');
    setInput('');
    if (!settings.disabledSites.includes(rule)) save({ disabledSites: [...settings.disabledSites, rule].sort() });
  };
  return (
    <section aria-labelledby="sites-heading">
      <h2 id="sites-heading">Sites switched off</h2>
      <p class="muted">
        Switching off a site also switches off its subdomains: off for example.com covers www.example.com.
      </p>
      {settings.disabledSites.length === 0 ? (
        <p>None: Plain Terms runs on every site.</p>
      ) : (
        <ul class="plain site-list">
          {settings.disabledSites.map((rule) => (
            <li key={rule}>
              <span>{labelOf(rule)}</span>{' '}
              <button
                type="button"
                aria-label={`Switch ${labelOf(rule)} back on`}
                onClick={() => save({ disabledSites: settings.disabledSites.filter((r) => r !== rule) })}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add} class="inline-form">
        <label>
          Switch off a site{' '}
          <input
            type="text"
            value={input}
            placeholder="example.com"
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'site-error' : undefined}
            onInput={(event) => setInput(event.currentTarget.value)}
          />
        </label>{' '}
        <button type="submit">Add</button>
      </form>
      {error && (
        <p id="site-error" class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
