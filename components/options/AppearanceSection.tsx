import { HOVER_DELAY_RANGE, type Settings } from '@/common/settings';

interface Props {
  settings: Settings;
  save: (change: Partial<Settings>) => void;
}

const UNDERLINES: Array<[Settings['underline'], string]> = [
  ['dotted', 'Dotted underline'],
  ['background', 'Soft background'],
  ['none', 'None (cards still open on hover)'],
];

export function AppearanceSection({ settings, save }: Props) {
  return (
    <section aria-labelledby="appearance-heading">
      <h2 id="appearance-heading">Appearance</h2>
      <fieldset>
        <legend>How terms are marked</legend>
        {UNDERLINES.map(([value, label]) => (
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
        Mark only the first of each term on a page
      </label>
      <label class="field">
        Hover delay before a card opens (milliseconds)
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
        Theme
        <select
          value={settings.theme}
          onChange={(event) => save({ theme: event.currentTarget.value as Settings['theme'] })}
        >
          <option value="system">Same as the system</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </label>
    </section>
  );
}
