import { useState } from 'preact/hooks';
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

/** Add or edit one of your own terms; the same fields and checks as the bundled glossary. */
export function TermForm({ initial, errors, onSave, onCancel }: Props) {
  const [term, setTerm] = useState(initial.term ?? '');
  const [explanation, setExplanation] = useState(initial.explanation ?? '');
  const [forms, setForms] = useState((initial.forms ?? []).join(', '));
  const [aliases, setAliases] = useState((initial.aliases ?? []).join(', '));
  const [abbreviations, setAbbreviations] = useState((initial.abbreviations ?? []).join(', '));
  const [note, setNote] = useState(initial.note ?? '');
  const [category, setCategory] = useState<Category>(initial.category ?? 'condition');

  const submit = (event: Event) => {
    event.preventDefault();
    const entry: Record<string, unknown> = {
      id: initial.id ?? idFromTerm(term),
      term,
      explanation,
      category,
    };
    if (list(forms).length) entry.forms = list(forms);
    if (list(aliases).length) entry.aliases = list(aliases);
    if (list(abbreviations).length) entry.abbreviations = list(abbreviations);
    if (note.trim()) entry.note = note;
    if (initial.related?.length) entry.related = initial.related;
    if (initial.source) entry.source = initial.source;
    onSave(entry);
  };

  return (
    <form class="term-form" onSubmit={submit} aria-labelledby="term-form-heading">
      <h3 id="term-form-heading">{initial.id ? `Edit “${initial.term}”` : 'Add a term'}</h3>
      <label class="field">
        Term
        <input type="text" required value={term} onInput={(e) => setTerm(e.currentTarget.value)} />
      </label>
      <label class="field">
        Explanation (plain words, at most a few sentences)
        <textarea required rows={3} value={explanation} onInput={(e) => setExplanation(e.currentTarget.value)} />
      </label>
      <label class="field">
        Other forms, comma-separated (plurals, other spellings)
        <input type="text" value={forms} onInput={(e) => setForms(e.currentTarget.value)} />
      </label>
      <label class="field">
        Other names, comma-separated
        <input type="text" value={aliases} onInput={(e) => setAliases(e.currentTarget.value)} />
      </label>
      <label class="field">
        Abbreviations, comma-separated (matched with exact case)
        <input type="text" value={abbreviations} onInput={(e) => setAbbreviations(e.currentTarget.value)} />
      </label>
      <label class="field">
        Note (optional)
        <input type="text" value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      <label class="field">
        Category
        <select value={category} onChange={(e) => setCategory(e.currentTarget.value as Category)}>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {c}
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
          Save term
        </button>{' '}
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </p>
    </form>
  );
}
