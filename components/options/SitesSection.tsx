import { useState } from 'preact/hooks';
import { t } from '@/common/i18n';
import { siteLabel } from '@/common/problem-text';
import type { Settings, SettingsChange } from '@/common/settings';
import { ruleFromInput } from '@/common/site-rules';

interface Props {
  settings: Settings;
  save: (change: SettingsChange) => void;
}

export function SitesSection({ settings, save }: Props) {
  const [input, setInput] = useState('');
  const [error, setError] = useState('');
  const add = (event: Event) => {
    event.preventDefault();
    const rule = ruleFromInput(input, t('siteLocalFiles'));
    if (!rule) return setError(t('sitesInvalid', input.trim()));
    setError('');
    setInput('');
    save({ change: 'add-site', rule });
  };
  return (
    <section aria-labelledby="sites-heading">
      <h2 id="sites-heading">{t('sitesHeading')}</h2>
      <p class="muted">{t('sitesSubdomains')}</p>
      {settings.disabledSites.length === 0 ? (
        <p>{t('sitesNone')}</p>
      ) : (
        <ul class="plain site-list">
          {settings.disabledSites.map((rule) => (
            <li key={rule}>
              <span>{siteLabel(rule)}</span>{' '}
              <button
                type="button"
                aria-label={t('sitesRemoveLabel', siteLabel(rule))}
                onClick={() => save({ change: 'remove-site', rule })}
              >
                {t('sitesRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add} class="inline-form">
        <label>
          {t('sitesAddLabel')}{' '}
          <input
            type="text"
            value={input}
            placeholder={t('sitesPlaceholder')}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'site-error' : undefined}
            onInput={(event) => setInput(event.currentTarget.value)}
          />
        </label>{' '}
        <button type="submit">{t('sitesAdd')}</button>
      </form>
      {error && (
        <p id="site-error" class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
