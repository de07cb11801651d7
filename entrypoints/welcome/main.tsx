import { render } from 'preact';
import '@/components/pages.css';
import './welcome.css';
import { Welcome } from '@/components/Welcome';

render(<Welcome />, document.getElementById('app')!);
