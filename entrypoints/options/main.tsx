import { render } from 'preact';
import { localizeDocument, t } from '@/common/i18n';
import '@/components/pages.css';
import './options.css';
import { OptionsApp } from '@/components/options/OptionsApp';

localizeDocument(document, t('optionsTitle'));
render(<OptionsApp />, document.getElementById('app')!);
