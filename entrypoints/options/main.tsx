import { render } from 'preact';
import '@/components/pages.css';
import './options.css';
import { OptionsApp } from '@/components/options/OptionsApp';

render(<OptionsApp />, document.getElementById('app')!);
