import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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

const origin = useFixtureServer();

describe.each(BROWSERS)('the %s store zip', (browserName: BrowserName) => {
  const zip = join(OUTPUT, `plain-terms-${pkg.version}-${browserName === 'chromium' ? 'chrome' : 'firefox'}.zip`);
  let dir: string;
  beforeAll(() => {
    dir = unzipTo(zip);
  });

  it('holds a manifest named and versioned from package.json, with every icon size', () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ manifest_version: 3, name: 'Plain Terms', version: pkg.version });
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
    expect(manifest.permissions.sort()).toEqual(['contextMenus', 'storage']);
    if (browserName === 'firefox') {
      expect(manifest.browser_specific_settings.gecko.data_collection_permissions).toEqual({ required: ['none'] });
    }
  });

  it('loads in the browser and explains terms on a page', async () => {
    const browser = await launchWithExtension(browserName, { dir });
    try {
      const page = await browser.newPage();
      await page.goto(`${origin()}/article.html`, { waitUntil: 'load' });
      await page.waitForFunction(() => (CSS.highlights.get('plain-terms')?.size ?? 0) > 5, {
        polling: POLL_MS,
        timeout: 15_000,
      });
    } finally {
      await browser.close();
    }
  });
});

it('the Firefox sources zip holds what reviewers need to rebuild', () => {
  const names = Object.keys(unzipSync(readFileSync(join(OUTPUT, `plain-terms-${pkg.version}-sources.zip`))));
  for (const needed of ['package.json', 'package-lock.json', 'wxt.config.ts', 'glossary/terms.json', 'README.md']) {
    expect(names).toContain(needed);
  }
  expect(names.filter((name) => /^(node_modules|bench-output|demo-output|\.output)\//.test(name))).toEqual([]);
});
