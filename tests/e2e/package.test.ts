import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { BROWSERS, extensionDir } from './harness';

const ROOT = join(import.meta.dirname, '../..');

/** The permissions the README's privacy table lists, each with its reason. */
function documentedPermissions(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Privacy and permissions'));
  const table = section.slice(0, section.indexOf('\n## '));
  return [...table.matchAll(/^\| `([a-zA-Z]+)`\s+\|/gm)].map((m) => m[1]!);
}

function builtFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? builtFiles(path) : [path];
  });
}

describe.each(BROWSERS)('the built %s extension', (browserName) => {
  const dir = extensionDir(browserName);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));

  it('asks for exactly the permissions the README lists and explains', () => {
    expect([...manifest.permissions].sort()).toEqual(documentedPermissions().sort());
    expect(manifest.optional_permissions ?? []).toEqual([]);
    expect(manifest.content_scripts.map((script: { matches: string[] }) => script.matches.sort())).toEqual([
      ['file:///*', 'http://*/*', 'https://*/*'],
    ]);
    // The card view is run where the content script runs, and nowhere else (scripting needs host permissions in MV3).
    expect([...manifest.host_permissions].sort()).toEqual(manifest.content_scripts[0].matches);
  });

  it('splits the glossary: a trie with no explanations for every page, the entries for the background', () => {
    const trie = JSON.parse(readFileSync(join(dir, 'glossary-trie.json'), 'utf8'));
    expect(Object.keys(trie).sort()).toEqual(['exact', 'firstWords', 'ids', 'nodes', 'starts', 'words']);
    const entries = JSON.parse(readFileSync(join(dir, 'glossary-entries.json'), 'utf8')) as Array<{ id: string }>;
    const bundled = JSON.parse(readFileSync(join(ROOT, 'glossary/terms.json'), 'utf8')) as Array<{ id: string }>;
    expect(entries.map((entry) => entry.id)).toEqual(bundled.map((entry) => entry.id));
    // Every entry a hit names is in the entries file, for the background to answer with.
    expect(new Set(entries.map((entry) => entry.id)).isSupersetOf(new Set(trie.ids))).toBe(true);
  });

  it('stays within the size budgets (gzip), with a budget for every file', () => {
    const budgets = Object.entries(
      JSON.parse(readFileSync(join(ROOT, 'size-budget.json'), 'utf8')) as Record<string, number | string>,
    ).flatMap(([pattern, kb]) =>
      typeof kb === 'number' ? [{ pattern: globToRegExp(pattern), name: pattern, kb }] : [],
    );
    for (const file of builtFiles(dir)) {
      const name = relative(dir, file);
      const budget = budgets.find(({ pattern }) => pattern.test(name));
      expect(budget, `${name} has no size budget`).toBeDefined();
      const size = gzipSync(readFileSync(file)).length / 1000;
      expect(
        size,
        `${name}: ${size.toFixed(1)} kB gzip (budget ${budget!.name}: ${budget!.kb} kB)`,
      ).toBeLessThanOrEqual(budget!.kb);
    }
  });

  // That no script of ours makes a request is asserted in real browsers, by watching the network
  // (tests/e2e/privacy.test.ts): a count of `fetch(` in minified code passed whatever it missed
  // (`self['fetch']`, a request made by a library) and proved nothing.
  it('touches no extension API in a frame without text, until the page gives it some', async () => {
    // In Firefox the first touch sets the API up for the frame (20-40 ms): a blank ad frame must not
    // pay it. The built script runs in a stand-in frame whose `chrome` and `browser` record each read.
    const frame = new Window({
      url: 'https://example.com/ad-slot',
      settings: { enableJavaScriptEvaluation: true, suppressInsecureJavaScriptEnvironmentWarning: true },
    });
    const touched: string[] = [];
    for (const name of ['chrome', 'browser'])
      Object.defineProperty(frame, name, { get: () => void touched.push(name), configurable: true });
    Object.defineProperty(frame, 'top', { value: {}, configurable: true });
    frame.document.body.innerHTML = '<div> </div><script>/* an ad script */</script>';
    const settled = () => new Promise((done) => setTimeout(done, 20));
    try {
      frame.eval(readFileSync(join(dir, 'content-scripts/content.js'), 'utf8'));
      await settled();
      expect(touched).toEqual([]);
      frame.document.body.insertAdjacentHTML('beforeend', '<p>Text about whiplash.</p>');
      await settled();
      expect(touched.length).toBeGreaterThan(0);
    } finally {
      await frame.happyDOM.close();
    }
  });

  it('carries no remote code', () => {
    const scripts = builtFiles(dir).filter((file) => file.endsWith('.js'));
    for (const file of scripts) {
      const code = readFileSync(file, 'utf8');
      expect(code, file).not.toMatch(/\beval\(|new Function\(|importScripts/);
    }
    for (const file of builtFiles(dir).filter((f) => f.endsWith('.html'))) {
      expect(readFileSync(file, 'utf8')).not.toMatch(/<(script|link)[^>]+(src|href)=["']https?:/);
    }
    // A policy that let the extension's pages load scripts from the web.
    expect(JSON.stringify(manifest.content_security_policy ?? {})).not.toMatch(/https?:/);
  });

  it('leaves pages nothing to probe for: no web-accessible file, no User Timing entry, no start announcement', () => {
    // A page that could load a file of ours would know Plain Terms is installed.
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
    const content = readFileSync(join(dir, 'content-scripts/content.js'), 'utf8');
    // Entries any page can read (performance.getEntries()); only the benchmark build makes them.
    expect(content).not.toMatch(/performance\.(mark|measure)\(|plain-terms:/);
    // WXT's start event, named after our id, dispatched on the page's document (see wxt.config.ts).
    expect(content).not.toMatch(/\.stopOldScripts\(\)|\.listenForNewerScripts\(\)/);
  });

  it.runIf(browserName === 'firefox')('declares its gecko id, minimum version and that it collects no data', () => {
    expect(manifest.browser_specific_settings.gecko).toEqual({
      id: 'plain-terms@plainterms.app',
      strict_min_version: '140.0',
      data_collection_permissions: { required: ['none'] },
    });
  });
});

/** A budget's file pattern: `*` is any run of characters but `/` (a build hash, a locale). */
function globToRegExp(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[^/]*')}$`);
}
