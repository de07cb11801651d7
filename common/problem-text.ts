import type { ImportProblem } from '@/glossary/import';
import type { FieldProblem, Place, ValidationProblem } from '@/glossary/validate';
import { t, tCount } from './i18n';
import type { SettingsField, SettingsNote } from './settings';

/**
 * Problems and notes in the reader's language: the glossary checks and the settings repair
 * return codes with their parameters, and the pages that show them use these.
 */
export function problemText(problem: ImportProblem | ValidationProblem): string {
  switch (problem.code) {
    case 'not-a-list':
      return t('validateNotList');
    case 'field':
      return t(
        'validateField',
        entryText(problem.entry),
        problem.field ?? t('validateWholeEntry'),
        fieldProblemText(problem.problem),
      );
    case 'duplicate-id':
      return t('validateDuplicateId', entryText(problem.entry), problem.firstNumber);
    case 'form-taken':
      return t('validateFormTaken', entryText(problem.entry), problem.form, problem.owner);
    case 'context-not-form':
      return t('validateContextNotForm', entryText(problem.entry), problem.form);
    case 'other-sense-taken':
      return t('validateOtherSenseTaken', entryText(problem.entry), problem.form, problem.owner);
    case 'related-unknown':
      return t('validateRelatedUnknown', entryText(problem.entry), problem.related);
    case 'related-self':
      return t('validateRelatedSelf', entryText(problem.entry));
    case 'too-big':
      return t('importTooBig', problem.maxMegabytes);
    case 'bad-json':
      return t('importBadJson', problem.detail);
    case 'file-not-a-list':
      return t('importNotList');
    case 'csv-row':
      return t('importRowProblem', problem.row, problem.detail);
    case 'unknown-columns':
      return tCount(
        'importUnknownColumns',
        problem.columns.length,
        problem.columns.map((column) => `"${column}"`).join(', '),
        problem.known.join(', '),
      );
    case 'too-many':
      return t('importTooMany', problem.count, problem.max);
    case 'no-entries':
      return t('importEmpty');
  }
}

function entryText({ place, name }: { place: Place; name?: string }): string {
  const position = placeText(place);
  return name === undefined ? position : t('validateNamedEntry', position, name);
}

function placeText({ kind, number }: Place): string {
  switch (kind) {
    case 'entry':
      return t('validateEntry', number);
    case 'row':
      return t('importRow', number);
    case 'saved':
      return t('importSavedEntry', number);
    case 'new':
      return t('importNewEntry', number);
    case 'this':
      return t('ownTermsThisTerm');
  }
}

function fieldProblemText(problem: FieldProblem): string {
  switch (problem.code) {
    case 'not-text':
      return t('fieldNotText');
    case 'empty':
      return t('fieldEmpty');
    case 'needs-letter':
      return t('fieldNeedsLetter');
    case 'not-list':
      return t('fieldNotList');
    case 'not-true-false':
      return t('fieldNotTrueFalse');
    case 'id':
      return t('fieldId');
    case 'url':
      return t('fieldUrl');
    case 'https':
      return t('fieldHttps');
    case 'date':
      return t('fieldDate');
    case 'not-object':
      return t('fieldNotObject');
    case 'unknown-field':
      return t('fieldUnknown');
    case 'missing':
      return t('fieldMissing');
    case 'too-long':
      return t('fieldTooLong', problem.max);
    case 'category':
      return t('fieldCategory', problem.choices.join(', '));
  }
}

export function settingsNoteText(note: SettingsNote): string {
  switch (note.code) {
    case 'unreadable':
      return t('settingsNoteUnreadable');
    case 'newer':
      return t('settingsNoteNewer');
    case 'reset':
      return t('settingsNoteReset', t(SETTING_LABELS[note.field]));
  }
}

/** How the notes name each setting: as the popup and options page label it, where they can. */
const SETTING_LABELS = {
  enabled: 'popupOnEverywhere',
  disabledSites: 'sitesHeading',
  underline: 'settingUnderline',
  firstOnly: 'settingFirstOnly',
  allLanguages: 'settingAllLanguages',
  hoverDelayMs: 'settingHoverDelay',
  theme: 'appearanceTheme',
} as const satisfies Record<SettingsField, Parameters<typeof t>[0]>;

/** What the popup and options page call a site, by its rule key. */
export function siteLabel(key: string): string {
  return key === 'file:' ? t('siteLocalFiles') : key;
}
