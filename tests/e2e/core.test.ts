import type { Server } from 'node:http';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import terms from '../../glossary/terms.json';
import {
  BROWSERS,
  cardState,
  highlightedWords,
  launchWithExtension,
  openPage,
  pointOf,
  serveFixtures,
  waitForCard,
  waitForHighlights,
} from './harness';

const explanationOf = (id: string) => terms.find((entry) => entry.id === id)!.explanation;

/** Every term in the article fixture outside form fields, scripts and editable or hidden regions. */
const EXPECTED = [
  'massage', // heading
  'chronic pain',
  'Massage therapy',
  'chronic pain', // "<em>chronic</em> pain": across an inline element
  'tense muscles',
  'blood flow',
  'lymphatic drainage',
  'connective tissue', // "connective <em>tissue</em>"
  'range-of-motion',
  'inflammation',
];

let server: Server;
let origin: string;

beforeAll(async () => {
  ({ server, origin } = await serveFixtures());
});
afterAll(() => server?.close());

describe.each(BROWSERS)('in %s, with the built extension', (browserName) => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchWithExtension(browserName);
    page = await openPage(browser, `${origin}/article.html`);
    await waitForHighlights(page, ['inflammation', 'connective tissue']);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('underlines the terms in the text, and only there', async () => {
    expect((await highlightedWords(page)).sort()).toEqual([...EXPECTED].sort());
  });
});
