import { useState } from 'preact/hooks';
import { bundledEntries } from '@/common/bundled-entries';
import { t, tCount } from '@/common/i18n';
import { problemText } from '@/common/problem-text';
import { saveUserTerms } from '@/common/store';
import { exportCsv, exportJson, IMPORT_LIMITS, mergeUserTerms, parseImport } from '@/glossary/import';
import type { OwnTerms } from '@/glossary/own-terms';
import type { GlossaryEntry } from '@/glossary/schema';
import { validateGlossary } from '@/glossary/validate';
import { TermForm } from './TermForm';

interface Props {
  /** The saved terms that can be used, and those that couldn't be read (kept, and shown here). */
  ownTerms: OwnTerms;
  /** A term to start adding, from a card's "Add your own explanation". */
  prefill: string | null;
}

/** Ids of the bundled entries, which own terms may name in `related` or replace. */
const bundledIds = async (): Promise<ReadonlySet<string>> => new Set((await bundledEntries()).map((entry) => entry.id));

/** Your own terms: add, edit, delete, import and export. They win over bundled entries with the same words. */
export function OwnTermsSection({ ownTerms, prefill }: Props) {
  const terms = ownTerms.entries;
  const [editing, setEditing] = useState<Partial<GlossaryEntry> | null>(prefill ? { term: prefill } : null);
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [importMessage, setImportMessage] = useState<{ ok: boolean; lines: string[] } | null>(null);

  const saveEntry = async (raw: unknown) => {
    const knownIds = await bundledIds();
    const checked = validateGlossary([raw], { knownIds, place: () => ({ kind: 'this', number: 1 }) });
    if (!checked.ok) return setFormErrors(checked.problems.map(problemText));
    const merged = mergeUserTerms(terms, checked.entries, knownIds, editing?.id);
    if (!merged.ok) return setFormErrors(merged.problems.map(problemText));
    await saveUserTerms(merged.entries);
    setFormErrors([]);
    setEditing(null);
  };

  const importFile = async (file: File) => {
    if (file.size > IMPORT_LIMITS.maxBytes) {
      return setImportMessage({ ok: false, lines: [t('importFileTooLarge', file.name)] });
    }
    const knownIds = await bundledIds();
    const parsed = parseImport(file.name, await file.text(), knownIds);
    const merged = parsed.ok ? mergeUserTerms(terms, parsed.entries, knownIds) : parsed;
    if (!merged.ok) {
      return setImportMessage({
        ok: false,
        lines: [t('importRejected', file.name), ...merged.problems.map(problemText)],
      });
    }
    await saveUserTerms(merged.entries);
    const count = parsed.ok ? parsed.entries.length : 0;
    setImportMessage({ ok: true, lines: [tCount('importDone', count, file.name)] });
  };

  return (
    <section aria-labelledby="own-heading">
      <h2 id="own-heading">{t('ownTermsHeading')}</h2>
      <p class="muted">{t('ownTermsIntro')}</p>
      {ownTerms.unreadable.length > 0 && (
        <div class="error" role="status">
          <p>{t('ownTermsUnreadable')}</p>
          <ul>
            {ownTerms.unreadable.flatMap(({ index, problems }) =>
              problems.map((problem) => <li key={`${index}:${problemText(problem)}`}>{problemText(problem)}</li>),
            )}
          </ul>
        </div>
      )}
      {terms.length === 0 ? (
        <p>{t('ownTermsNone')}</p>
      ) : (
        <ul class="plain own-terms">
          {terms.map((entry) => (
            <li key={entry.id}>
              <strong>{entry.term}</strong>: {entry.explanation}{' '}
              <button type="button" aria-label={t('ownTermsEditLabel', entry.term)} onClick={() => setEditing(entry)}>
                {t('ownTermsEdit')}
              </button>{' '}
              <button
                type="button"
                aria-label={t('ownTermsDeleteLabel', entry.term)}
                onClick={() => void saveUserTerms(terms.filter((t) => t.id !== entry.id))}
              >
                {t('ownTermsDelete')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {editing ? (
        <TermForm
          key={editing.id ?? editing.term ?? 'new'}
          initial={editing}
          errors={formErrors}
          onSave={(entry) => void saveEntry(entry)}
          onCancel={() => {
            setEditing(null);
            setFormErrors([]);
          }}
        />
      ) : (
        <p>
          <button type="button" class="primary" onClick={() => setEditing({})}>
            {t('ownTermsAdd')}
          </button>
        </p>
      )}
      <h3>{t('importExportHeading')}</h3>
      <p class="muted">{t('importExportFormats', IMPORT_LIMITS.maxEntries)}</p>
      <label class="field">
        {t('importFileLabel')}
        <input
          type="file"
          accept=".json,.csv,application/json,text/csv"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = '';
            if (file) void importFile(file);
          }}
        />
      </label>
      {importMessage && (
        <div class={importMessage.ok ? 'note import-result' : 'error import-result'} role="alert">
          {importMessage.lines.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      )}
      <p>
        <button
          type="button"
          disabled={terms.length === 0}
          onClick={() => download('plain-terms.json', exportJson(terms), 'application/json')}
        >
          {t('exportJson')}
        </button>{' '}
        <button
          type="button"
          disabled={terms.length === 0}
          onClick={() => download('plain-terms.csv', exportCsv(terms), 'text/csv')}
        >
          {t('exportCsv')}
        </button>
      </p>
    </section>
  );
}

function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
