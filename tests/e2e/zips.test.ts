import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import addonsLinter from 'addons-linter';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json';
import { useFixtureServer } from './fixture-server';
import { BROWSERS, type BrowserName, launchWithExtension, POLL_MS } from './harness';

const OUTPUT = join(import.meta.dirname, '../../.output');
const ICON_SIZES = ['16', '32', '48', '96', '128'];

function unzipTo(zip: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'plain-terms-zip-'));
  for (const [name, data] of Object.entries(unzipSync(readFileSync(zip)))) {
    if (name.endsWith('/')) continue;
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), data);
  }
  return dir;
}

/**
 * The manifest as users see it: each `__MSG_name__` replaced by its message in the default
 * locale's messages.json, as the browser does. A name without a message fails the test.
 */
function localizedManifest(dir: string) {
  const raw = readFileSync(join(dir, 'manifest.json'), 'utf8');
  const locale = (JSON.parse(raw) as { default_locale?: string }).default_locale ?? 'en';
  const messages = JSON.parse(readFileSync(join(dir, `_locales/${locale}/messages.json`), 'utf8')) as Record<
    string,
    { message: string }
  >;
  return JSON.parse(raw, (_key, value) =>
    typeof value === 'string'
      ? value.replace(/__MSG_(\w+)__/g, (_, name: string) => {
          const message = messages[name]?.message;
          expect(message, `manifest names ${name}, which has no message`).toBeTruthy();
          return message!;
        })
      : value,
  );
}

const origin = useFixtureServer();

describe.each(BROWSERS)('the %s store zip', (browserName: BrowserName) => {
  const zip = join(OUTPUT, `plain-terms-${pkg.version}-${browserName === 'chromium' ? 'chrome' : 'firefox'}.zip`);
  let dir: string;
  beforeAll(() => {
    dir = unzipTo(zip);
  });

  it('holds a manifest named and versioned from package.json, with every icon size', () => {
    const manifest = localizedManifest(dir);
    expect(manifest).toMatchObject({
      manifest_version: 3,
      default_locale: 'en',
      name: 'Plain Terms',
      action: { default_title: 'Plain Terms' },
      version: pkg.version,
    });
    expect(manifest.description).toMatch(/^Explains the health terms/);
    expect(manifest.commands['toggle-site'].description).toBe('Switch Plain Terms off or on for this site');
    for (const size of ICON_SIZES) {
      const png = readFileSync(join(dir, manifest.icons[size]));
      // A PNG, and of the size it claims (width and height sit at bytes 16–23 of the header).
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([Number(size), Number(size)]);
    }
    // The "off on this site" toolbar icons, grey and struck through.
    for (const size of ['16', '32']) {
      const off = readFileSync(join(dir, `icons/off-${size}.png`));
      expect([off.readUInt32BE(16), off.readUInt32BE(20)]).toEqual([Number(size), Number(size)]);
    }
    expect(manifest.permissions.sort()).toEqual(['contextMenus', 'scripting', 'storage']);
    expect(manifest.host_permissions.sort()).toEqual(['file:///*', 'http://*/*', 'https://*/*']);
    if (browserName === 'firefox') {
      expect(manifest.browser_specific_settings.gecko.data_collection_permissions).toEqual({ required: ['none'] });
      // Firefox for Android is a target: 142 is the first there with everything the manifest uses.
      expect(manifest.browser_specific_settings.gecko_android).toEqual({ strict_min_version: '142.0' });
    }
  });

  it('loads in the browser and explains terms on a page', async () => {
    const browser = await launchWithExtension(browserName, { dir });
    try {
      const page = await browser.newPage();
      await page.goto(`${origin()}/article.html`, { waitUntil: 'load' });
      await page.waitForFunction(() => ([...CSS.highlights.values()].find((h) => h.priority === 0)?.size ?? 0) > 5, {
        polling: POLL_MS,
        timeout: 15_000,
      });
    } finally {
      await browser.close();
    }
  });
});

/**
 * The checks addons.mozilla.org runs on an upload (addons-linter), Firefox for Android's
 * included: what the manifest asks of each Firefox against its minimum versions, permissions and
 * APIs Android lacks. Errors fail; so does any warning but the two known ones below.
 */
it('the Firefox zip passes Firefox’s add-on checks, for Android too', async () => {
  const linter = addonsLinter.createInstance({
    config: {
      _: [join(OUTPUT, `plain-terms-${pkg.version}-firefox.zip`)],
      logLevel: 'fatal',
      stack: false,
      pretty: false,
      warningsAsErrors: false,
      metadata: false,
      output: 'none',
      boring: false,
      selfHosted: false,
    },
    runAsBinary: false,
  });
  const { errors, warnings, notices } = await linter.run();
  const described = (findings: Array<{ code: string; file?: string; message: string }>) =>
    findings.map(({ code, file, message }) => `${code} ${file ?? ''}: ${message}`);
  expect(described(errors)).toEqual([]);
  expect(described(notices)).toEqual([]);
  // Preact sets innerHTML only for dangerouslySetInnerHTML, which no component of ours uses. The
  // content script carries no Preact: the card view (card-view.js) does.
  const known = (warning: { code: string; file?: string }) =>
    warning.code === 'UNSAFE_VAR_ASSIGNMENT' &&
    /^(chunks\/jsxRuntime-[\w-]+\.js|card-view\.js)$/.test(warning.file ?? '');
  expect(described(warnings.filter((warning) => !known(warning)))).toEqual([]);
});

it('the Firefox sources zip holds what reviewers need to rebuild', () => {
  const names = Object.keys(unzipSync(readFileSync(join(OUTPUT, `plain-terms-${pkg.version}-sources.zip`))));
  for (const needed of [
    'package.json',
    'package-lock.json',
    'wxt.config.ts',
    'glossary/terms.json',
    'public/_locales/en/messages.json',
    'README.md',
  ]) {
    expect(names).toContain(needed);
  }
  expect(names.filter((name) => /^(node_modules|bench-output|demo-output|\.output)\//.test(name))).toEqual([]);
});
