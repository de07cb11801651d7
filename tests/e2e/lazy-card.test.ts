import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useFixtureServer } from './fixture-server';
import {
  BROWSERS,
  cardHostTag,
  extensionDir,
  launchWithExtension,
  openExtensionPage,
  openPage,
  pointOf,
  waitForCard,
  waitForHighlights,
} from './harness';

const origin = useFixtureServer();

/** Where the card view registers itself in the content script's world (card-view-contract.ts). */
const CARD_VIEW_GLOBAL = '__plainTermsCardView';

/** How often the card view was loaded: the benchmark build records each load as a User Timing measure. */
function cardViewLoads(page: Page): Promise<number> {
  return page.evaluate(() => performance.getEntriesByName('plain-terms:card-view').length);
}

/**
 * `typeof` the card view's registration global in the content script's isolated world of the
 * page's top frame (Chromium: found through the DevTools Protocol, which lists that world; no
 * script of the page can reach it).
 */
async function registrationIn(page: Page): Promise<string> {
  const session = await page.createCDPSession();
  try {
    const worlds: Array<{ id: number; origin: string; auxData?: { type?: string; frameId?: string } }> = [];
    session.on('Runtime.executionContextCreated', ({ context }) => worlds.push(context));
    // Runtime.enable reports every context that exists before it answers.
    await session.send('Runtime.enable');
    const frameId = (page.mainFrame() as unknown as { _id: string })._id;
    const world = worlds.find(
      (context) =>
        context.auxData?.type === 'isolated' &&
        context.auxData.frameId === frameId &&
        context.origin.startsWith('chrome-extension://'),
    );
    if (!world) throw new Error('no content script world in the top frame');
    const { result } = await session.send('Runtime.evaluate', {
      expression: `typeof globalThis[${JSON.stringify(CARD_VIEW_GLOBAL)}]`,
      contextId: world.id,
      returnByValue: true,
    });
    return result.value as string;
  } finally {
    await session.detach();
  }
}

/**
 * The script every page runs carries no card: the card view (Preact, the card's components, its
 * placement) is loaded into a frame when its first card is about to show. Counted on the
 * benchmark build, which records each load (the product build records nothing a page could read).
 */
describe.each(BROWSERS)('in %s, the card view loads on first use', (browserName) => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchWithExtension(browserName, { dir: extensionDir(browserName, 'bench') });
    page = await openPage(browser, `${origin()}/article.html`);
    await waitForHighlights(page, ['lymphatic drainage', 'inflammation']);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('is not loaded before a term is hovered: no card host, no view', async () => {
    expect(await cardHostTag(page)).toBeNull();
    expect(await cardViewLoads(page)).toBe(0);
    if (browserName === 'chromium') expect(await registrationIn(page)).toBe('undefined');
  });

  it('is loaded by the first hover, which still opens its card, and only once', async () => {
    const point = await pointOf(page, '#flow', 'lymphatic drainage');
    await page.mouse.move(point.x, point.y);
    await waitForCard(page, 'Lymphatic drainage');
    expect(await cardViewLoads(page)).toBe(1);
    if (browserName === 'chromium') expect(await registrationIn(page)).toBe('function');

    await page.mouse.move(1, 1);
    await waitForCard(page, null);
    const next = await pointOf(page, '#lines', 'inflammation');
    await page.mouse.move(next.x, next.y);
    await waitForCard(page, 'Inflammation');
    expect(await cardViewLoads(page)).toBe(1);
  });

  // Loading it needs `scripting` and, in MV3, host permissions: the content script's own patterns.
  it.runIf(browserName === 'chromium')('warns at install exactly as the content script alone did', async () => {
    const options = await openExtensionPage(browser, browserName, 'options.html');
    const warnings = await options.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { runtime: { getManifest(): Record<string, unknown> } } }).chrome;
      const management = (
        globalThis as unknown as {
          chrome: { management: { getPermissionWarningsByManifest(manifest: string): Promise<string[]> } };
        }
      ).chrome.management;
      // Without what needs the package's files (messages, locales) to be read.
      const { default_locale, ...manifest } = api.runtime.getManifest();
      const shipped: Record<string, unknown> = { ...manifest, name: 'x', description: 'x', commands: {} };
      const { host_permissions, ...before } = shipped;
      const contentScriptAlone = {
        ...before,
        permissions: (shipped.permissions as string[]).filter((permission) => permission !== 'scripting'),
      };
      return {
        shipped: await management.getPermissionWarningsByManifest(JSON.stringify(shipped)),
        contentScriptAlone: await management.getPermissionWarningsByManifest(JSON.stringify(contentScriptAlone)),
      };
    });
    expect(warnings.shipped).toEqual(warnings.contentScriptAlone);
    expect(warnings.shipped).toEqual(['Read and change all your data on all websites']);
    await options.close();
  });
});
