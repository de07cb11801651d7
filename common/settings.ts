import * as v from 'valibot';
import { type MessageKey, t } from './i18n';

/** Bump when the stored shape changes, and teach `migrateSettings` the old one. */
export const SETTINGS_VERSION = 1;

const UNDERLINE_STYLES = ['dotted', 'background', 'none'] as const;
const THEMES = ['system', 'light', 'dark'] as const;

export interface Settings {
  version: typeof SETTINGS_VERSION;
  /** The global switch. */
  enabled: boolean;
  /** Sites switched off, as rule keys from `siteOf` ("example.com", "file:"), sorted. */
  disabledSites: string[];
  underline: (typeof UNDERLINE_STYLES)[number];
  /** Underline only the first occurrence of each term on a page. */
  firstOnly: boolean;
  /** Also read text whose declared language (`lang`) is not English. */
  allLanguages: boolean;
  /** Pointer rest before a card opens. */
  hoverDelayMs: number;
  theme: (typeof THEMES)[number];
}

export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  enabled: true,
  disabledSites: [],
  underline: 'dotted',
  firstOnly: false,
  allLanguages: false,
  hoverDelayMs: 200,
  theme: 'system',
};

export const HOVER_DELAY_RANGE = { min: 100, max: 1500 } as const;

/**
 * Each field on its own, so one bad value resets that field and keeps the rest. Built on first
 * use: content scripts load this module on every page but get their settings checked already,
 * from the background.
 */
const fieldSchemas = () =>
  ({
    enabled: v.boolean(),
    disabledSites: v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(253))),
    underline: v.picklist(UNDERLINE_STYLES),
    firstOnly: v.boolean(),
    allLanguages: v.boolean(),
    hoverDelayMs: v.pipe(v.number(), v.integer(), v.minValue(HOVER_DELAY_RANGE.min), v.maxValue(HOVER_DELAY_RANGE.max)),
    theme: v.picklist(THEMES),
  }) satisfies { [K in Exclude<keyof Settings, 'version'>]: v.GenericSchema<unknown, Settings[K]> };

type Field = keyof ReturnType<typeof fieldSchemas>;
let fields: ReturnType<typeof fieldSchemas> | null = null;

export interface MigrationResult {
  settings: Settings;
  /** What was reset or converted, in words a user understands; shown once on the options page. */
  notes: string[];
  /** Whether the stored value should be rewritten. */
  changed: boolean;
}

/**
 * Turns whatever is in storage into valid settings, never throwing: nothing stored gives the
 * defaults; a value of an older shape is converted; corrupt fields fall back to their default
 * with a note; a value from a newer version keeps the fields this version understands.
 */
export function migrateSettings(raw: unknown): MigrationResult {
  if (raw === undefined || raw === null) return { settings: { ...DEFAULT_SETTINGS }, notes: [], changed: false };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      settings: { ...DEFAULT_SETTINGS },
      notes: [t('settingsNoteUnreadable')],
      changed: true,
    };
  }
  const stored = { ...(raw as Record<string, unknown>) };
  const notes: string[] = [];
  const version = stored.version;

  // Version 1 is the first stored shape. A future version converts older shapes here, before
  // the field checks below.
  if (typeof version === 'number' && version > SETTINGS_VERSION) {
    notes.push(t('settingsNoteNewer'));
  }

  const settings: Settings = { ...DEFAULT_SETTINGS };
  fields ??= fieldSchemas();
  for (const [key, schema] of Object.entries(fields) as [Field, v.GenericSchema][]) {
    if (!(key in stored)) continue;
    const result = v.safeParse(schema, stored[key]);
    if (result.success) (settings as unknown as Record<string, unknown>)[key] = result.output;
    else notes.push(t('settingsNoteReset', t(LABELS[key])));
  }
  settings.disabledSites = [...new Set(settings.disabledSites.map((site) => site.toLowerCase()))].sort();
  // Field by field, not by serialising: a stored object with its keys in another order is unchanged.
  const changed =
    version !== SETTINGS_VERSION ||
    notes.length > 0 ||
    (Object.keys(fields) as Field[]).some(
      (key) => JSON.stringify(settings[key]) !== JSON.stringify(stored[key] ?? DEFAULT_SETTINGS[key]),
    );
  return { settings, notes, changed };
}

/** How the notes name each setting: as the popup and options page label it, where they can. */
const LABELS = {
  enabled: 'popupOnEverywhere',
  disabledSites: 'sitesHeading',
  underline: 'settingUnderline',
  firstOnly: 'settingFirstOnly',
  allLanguages: 'settingAllLanguages',
  hoverDelayMs: 'settingHoverDelay',
  theme: 'appearanceTheme',
} as const satisfies Record<Field, MessageKey>;
