import { t } from '@/common/i18n';
import { HOVER_DELAY_RANGE, type Settings, type SettingsChange } from '@/common/settings';

interface Props {
  settings: Settings;
  save: (change: SettingsChange) => void;
}

const THEMES: ReadonlyArray<Settings['theme']> = ['system', 'light', 'dark'];

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
              onChange={() => save({ change: 'underline', value })}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <label class="choice">
        <input
          type="checkbox"
          checked={settings.firstOnly}
          onChange={(event) => save({ change: 'firstOnly', value: event.currentTarget.checked })}
        />
        {t('appearanceFirstOnly')}
      </label>
      <label class="choice">
        <input
          type="checkbox"
          checked={settings.allLanguages}
          onChange={(event) => save({ change: 'allLanguages', value: event.currentTarget.checked })}
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
            if (value >= HOVER_DELAY_RANGE.min && value <= HOVER_DELAY_RANGE.max)
              save({ change: 'hoverDelayMs', value });
          }}
        />
      </label>
      <label class="field">
        {t('appearanceTheme')}
        <select
          value={settings.theme}
          onChange={(event) => {
            const value = THEMES.find((theme) => theme === event.currentTarget.value);
            if (value) save({ change: 'theme', value });
          }}
        >
          <option value="system">{t('themeSystem')}</option>
          <option value="light">{t('themeLight')}</option>
          <option value="dark">{t('themeDark')}</option>
        </select>
      </label>
    </section>
  );
}
