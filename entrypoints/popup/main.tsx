import { render } from 'preact';
import { localizeDocument, t } from '@/common/i18n';
import '@/components/pages.css';
import './popup.css';
import { PopupApp } from '@/components/popup/PopupApp';

localizeDocument(document, t('extensionName'));
render(<PopupApp />, document.getElementById('app')!);
