import { render } from 'preact';
import { localizeDocument, t } from '@/common/i18n';
import '@/components/pages.css';
import './welcome.css';
import { Welcome } from '@/components/Welcome';

localizeDocument(document, t('welcomeTitle'));
render(<Welcome />, document.getElementById('app')!);
