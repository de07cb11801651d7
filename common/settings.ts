import * as v from 'valibot';
import { onFirstUse } from './on-first-use';
import { withSiteSwitched } from './site-rules';

/** Bump when the stored shape changes, and teach `migrateSettings` the old one. */
export const SETTINGS_VERSION = 1;

const UNDERLINE_STYLES = ['dotted', 'background', 'none'] as const;
const THEMES = ['system', 'light', 'dark'] as const;

export const HOVER_DELAY_RANGE = { min: 100, max: 1500 } as const;

/** Each field on its own, so one bad value resets that field and keeps the rest. */
const fieldSchemas = onFirstUse(() => ({
  /** The global switch. */
  enabled: v.boolean(),
  /** Sites switched off, as rule keys from `siteOf` ("example.com", "file:"), sorted. */
  disabledSites: v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(253))),
  underline: v.picklist(UNDERLINE_STYLES),
  /** Underline only the first occurrence of each term on a page. */
  firstOnly: v.boolean(),
  /** Also read text whose declared language (`lang`) is not English. */
  allLanguages: v.boolean(),
  /** Pointer rest before a card opens. */
  hoverDelayMs: v.pipe(v.number(), v.integer(), v.minValue(HOVER_DELAY_RANGE.min), v.maxValue(HOVER_DELAY_RANGE.max)),
  theme: v.picklist(THEMES),
}));

export type SettingsField = keyof ReturnType<typeof fieldSchemas>;
const fieldNames = () => Object.keys(fieldSchemas()) as SettingsField[];

/**
 * Settings as every context uses them: checked field by field, whole (see `migrateSettings` for
 * what storage may hold).
 */
export type Settings = { version: typeof SETTINGS_VERSION } & {
  [Field in SettingsField]: v.InferOutput<ReturnType<typeof fieldSchemas>[Field]>;
};

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

/**
 * One change to the settings, as the popup, the options page and a page's shortcut ask for it.
 * A change names one field (or one site), never the whole object: the background applies the
 * changes one after another to what is stored, so two made close together from two places both
 * survive (common/store.ts).
 */
export const settingsChangeSchema = onFirstUse(() => {
  const fields = fieldSchemas();
  return v.variant('change', [
    v.object({ change: v.literal('enabled'), value: fields.enabled }),
    v.object({ change: v.literal('underline'), value: fields.underline }),
    v.object({ change: v.literal('firstOnly'), value: fields.firstOnly }),
    v.object({ change: v.literal('allLanguages'), value: fields.allLanguages }),
    v.object({ change: v.literal('hoverDelayMs'), value: fields.hoverDelayMs }),
    v.object({ change: v.literal('theme'), value: fields.theme }),
    /** Switch the site of a page on or off (the popup's switch, the shortcut); on also turns the global switch on. */
    v.object({ change: v.literal('switch-site'), url: v.string(), on: v.boolean() }),
    /** Add or remove one rule of the options page's list of switched-off sites. */
    v.object({ change: v.literal('add-site'), rule: v.pipe(v.string(), v.minLength(1), v.maxLength(253)) }),
    v.object({ change: v.literal('remove-site'), rule: v.string() }),
  ]);
});
export type SettingsChange = v.InferOutput<ReturnType<typeof settingsChangeSchema>>;

/** The settings after one change: pure, applied by the background to what is stored right then. */
export function applySettingsChange(settings: Settings, change: SettingsChange): Settings {
  switch (change.change) {
    case 'switch-site':
      return {
        ...settings,
        enabled: settings.enabled || change.on,
        disabledSites: withSiteSwitched(settings.disabledSites, change.url, change.on),
      };
    case 'add-site': {
      const rule = change.rule.toLowerCase();
      if (settings.disabledSites.includes(rule)) return settings;
      return { ...settings, disabledSites: [...settings.disabledSites, rule].sort() };
    }
    case 'remove-site':
      return { ...settings, disabledSites: settings.disabledSites.filter((rule) => rule !== change.rule) };
    default:
      return { ...settings, [change.change]: change.value };
  }
}

/** What `migrateSettings` reset or converted: codes the options page turns into words, shown once. */
export type SettingsNote = v.InferOutput<ReturnType<typeof settingsNoteSchema>>;
export const settingsNoteSchema = onFirstUse(() =>
  v.variant('code', [
    /** The stored value was not an object at all: every field is back to its default. */
    v.object({ code: v.literal('unreadable') }),
    /** Stored by a newer version: the fields this version understands were kept. */
    v.object({ code: v.literal('newer') }),
    /** One field's stored value was not valid and is back to its default. */
    v.object({ code: v.literal('reset'), field: v.picklist(fieldNames()) }),
  ]),
);

export interface MigrationResult {
  settings: Settings;
  notes: SettingsNote[];
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
  const stored = v.safeParse(v.record(v.string(), v.unknown()), raw);
  if (!stored.success || Array.isArray(raw)) {
    return { settings: { ...DEFAULT_SETTINGS }, notes: [{ code: 'unreadable' }], changed: true };
  }
  const fields = stored.output;
  const notes: SettingsNote[] = [];
  const version = fields.version;

  // Version 1 is the first stored shape. A future version converts older shapes here, before
  // the field checks below.
  if (typeof version === 'number' && version > SETTINGS_VERSION) notes.push({ code: 'newer' });

  let settings: Settings = { ...DEFAULT_SETTINGS };
  const schemas = fieldSchemas();
  for (const field of fieldNames()) {
    if (!(field in fields)) continue;
    const result = v.safeParse(schemas[field], fields[field]);
    if (result.success) settings = { ...settings, [field]: result.output };
    else notes.push({ code: 'reset', field });
  }
  settings.disabledSites = [...new Set(settings.disabledSites.map((site) => site.toLowerCase()))].sort();
  // Field by field, not by serialising: a stored object with its keys in another order is unchanged.
  const changed =
    version !== SETTINGS_VERSION ||
    notes.length > 0 ||
    fieldNames().some(
      (field) => JSON.stringify(settings[field]) !== JSON.stringify(fields[field] ?? DEFAULT_SETTINGS[field]),
    );
  return { settings, notes, changed };
}

/** Where the settings are kept: synced, or on this device once they outgrew sync's quota. */
export type SettingsArea = 'sync' | 'local';
