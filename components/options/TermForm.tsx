import { useState } from 'preact/hooks';
import { type MessageKey, t } from '@/common/i18n';
import { idFromTerm } from '@/glossary/import';
import { CATEGORIES, type Category, type GlossaryEntry } from '@/glossary/schema';

interface Props {
  /** The entry being edited, or a fresh one (possibly with a term filled in from a page). */
  initial: Partial<GlossaryEntry>;
  errors: string[];
  onSave: (entry: unknown) => void;
  onCancel: () => void;
}

const list = (text: string) =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

/** How the form names each category; the stored value stays the file format's English word. */
const CATEGORY_LABELS = {
  'body part': 'categoryBodyPart',
  condition: 'categoryCondition',
  symptom: 'categorySymptom',
  treatment: 'categoryTreatment',
  'body process': 'categoryBodyProcess',
  medicine: 'categoryMedicine',
  research: 'categoryResearch',
} as const satisfies Record<Category, MessageKey>;

/** Add or edit one of your own terms; the same fields and checks as the bundled glossary. */
export function TermForm({ initial, errors, onSave, onCancel }: Props) {
  const [term, setTerm] = useState(initial.term ?? '');
  const [explanation, setExplanation] = useState(initial.explanation ?? '');
  const [forms, setForms] = useState((initial.forms ?? []).join(', '));
  const [aliases, setAliases] = useState((initial.aliases ?? []).join(', '));
  const [abbreviations, setAbbreviations] = useState((initial.abbreviations ?? []).join(', '));
  const [note, setNote] = useState(initial.note ?? '');
  const [more, setMore] = useState(initial.more ?? '');
  const [category, setCategory] = useState<Category>(initial.category ?? 'condition');

  const submit = (event: Event) => {
    event.preventDefault();
    // From the entry being edited, so what this form doesn't show (related, source, or any field
    // an imported file brought) is kept: editing never loses what the user wrote.
    const entry: Record<string, unknown> = {
      ...initial,
      id: initial.id ?? idFromTerm(term),
      term,
      explanation,
      category,
    };
    const optional = {
      forms: list(forms),
      aliases: list(aliases),
      abbreviations: list(abbreviations),
      note: note.trim(),
      more: more.trim(),
    };
    // A field the form shows and the user emptied goes.
    for (const [field, value] of Object.entries(optional)) {
      if (value.length > 0) entry[field] = value;
      else delete entry[field];
    }
    onSave(entry);
  };

  return (
    <form class="term-form" onSubmit={submit} aria-labelledby="term-form-heading">
      <h3 id="term-form-heading">{initial.id ? t('termFormEditHeading', initial.term ?? '') : t('ownTermsAdd')}</h3>
      <label class="field">
        {t('termFormTerm')}
        <input type="text" required value={term} onInput={(e) => setTerm(e.currentTarget.value)} />
      </label>
      <label class="field">
        {t('termFormExplanation')}
        <textarea required rows={3} value={explanation} onInput={(e) => setExplanation(e.currentTarget.value)} />
      </label>
      <label class="field">
        {t('termFormForms')}
        <input type="text" value={forms} onInput={(e) => setForms(e.currentTarget.value)} />
      </label>
      <label class="field">
        {t('termFormAliases')}
        <input type="text" value={aliases} onInput={(e) => setAliases(e.currentTarget.value)} />
      </label>
      <label class="field">
        {t('termFormAbbreviations')}
        <input type="text" value={abbreviations} onInput={(e) => setAbbreviations(e.currentTarget.value)} />
      </label>
      <label class="field">
        {t('termFormNote')}
        <input type="text" value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      <label class="field">
        {t('termFormMore')}
        <textarea rows={3} value={more} onInput={(e) => setMore(e.currentTarget.value)} />
      </label>
      <label class="field">
        {t('termFormCategory')}
        <select
          value={category}
          onChange={(e) => setCategory(CATEGORIES.find((c) => c === e.currentTarget.value) ?? category)}
        >
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(CATEGORY_LABELS[c])}
            </option>
          ))}
        </select>
      </label>
      {errors.length > 0 && (
        <ul class="error" role="alert">
          {errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      )}
      <p>
        <button type="submit" class="primary">
          {t('termFormSave')}
        </button>{' '}
        <button type="button" onClick={onCancel}>
          {t('termFormCancel')}
        </button>
      </p>
    </form>
  );
}
