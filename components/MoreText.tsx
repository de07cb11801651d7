import { useState } from 'preact/hooks';
import { t } from '@/common/i18n';

interface Props {
  /** The text's id, unique in its document or shadow root: the button names it in aria-controls. */
  id: string;
  text: string;
}

/**
 * An entry's longer text behind a "More" button. A disclosure (WAI-ARIA APG pattern): a real
 * button, so Tab reaches it and Enter or Space opens it, and aria-expanded tells screen readers
 * whether the text is shown. Closed, the text is `hidden`, out of sight and of the accessibility
 * tree. Key it by entry, so the next entry's text starts closed.
 */
export function MoreText({ id, text }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <div class="more">
      <button
        type="button"
        class="more-toggle"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls={id}
        onClick={() => setOpen((wasOpen) => !wasOpen)}
      >
        {t('moreLabel')}
      </button>
      <p class="more-text" id={id} hidden={!open}>
        {text}
      </p>
    </div>
  );
}
