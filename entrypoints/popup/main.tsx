import { render } from 'preact';
import '@/components/pages.css';
import './popup.css';
import { PopupApp } from '@/components/popup/PopupApp';

render(<PopupApp />, document.getElementById('app')!);
