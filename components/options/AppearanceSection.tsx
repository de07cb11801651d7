import { t } from '@/common/i18n';
import { HOVER_DELAY_RANGE, type Settings } from '@/common/settings';

interface Props {
  settings: Settings;
  save: (change: Partial<Settings>) => void;
}

export function AppearanceSection({ settings, save }: Props) {
  const underlines: Array<[Settings['underline'], string]> = [
    ['dotted', t('appearanceDotted')],
    ['background', t('appearanceBackground')],
    ['none', t('appearanceNone')],
  ];
  return (
    <section aria-labelledby="appearance-heading">
      <h2 id="appearance-heading">{t('appearanceHeading')}</h2>
      <fieldset>
        <legend>{t('appearanceMarking')}</legend>
        {underlines.map(([value, label]) => (
          <label key={value} class="choice">
            <input
              type="radio"
              name="underline"
              value={value}
              checked={settings.underline === value}
              onChange={() => save({ underline: value })}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <label class="choice">
        <input
          type="checkbox"
          checked={settings.firstOnly}
          onChange={(event) => save({ firstOnly: event.currentTarget.checked })}
        />
        {t('appearanceFirstOnly')}
      </label>
      <label class="choice">
        <input
          type="checkbox"
          checked={settings.allLanguages}
          onChange={(event) => save({ allLanguages: event.currentTarget.checked })}
        />
        {t('appearanceAllLanguages')}
      </label>
      <label class="field">
        {t('appearanceDelay')}
        <input
          type="number"
          min={HOVER_DELAY_RANGE.min}
          max={HOVER_DELAY_RANGE.max}
          step={50}
          value={settings.hoverDelayMs}
          onChange={(event) => {
            const value = Math.round(Number(event.currentTarget.value));
            if (value >= HOVER_DELAY_RANGE.min && value <= HOVER_DELAY_RANGE.max) save({ hoverDelayMs: value });
          }}
        />
      </label>
      <label class="field">
        {t('appearanceTheme')}
        <select
          value={settings.theme}
          onChange={(event) => save({ theme: event.currentTarget.value as Settings['theme'] })}
        >
          <option value="system">{t('themeSystem')}</option>
          <option value="light">{t('themeLight')}</option>
          <option value="dark">{t('themeDark')}</option>
        </select>
      </label>
    </section>
  );
}
