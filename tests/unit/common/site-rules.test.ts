import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@/common/settings';
import { ruleFromInput, siteOf, siteStatus, withSiteSwitched } from '@/common/site-rules';

const on = { ...DEFAULT_SETTINGS };
const kindFor = (url: string, disabledSites: string[], enabled = true) =>
  siteStatus(url, { enabled, disabledSites }).kind;

describe('siteOf', () => {
  it.each([
    ['https://www.example.com/a?b#c', 'example.com'],
    ['http://Example.COM./', 'example.com'],
    ['https://blog.example.com/', 'blog.example.com'],
    ['http://127.0.0.1:8080/x', '127.0.0.1'],
    ['http://[::1]:3000/', '[::1]'],
    ['https://www./', 'www'],
    ['file:///home/me/notes.html', 'file:'],
  ])('%s is the site %s', (url, key) => {
    expect(siteOf(url)?.key).toBe(key);
  });

  it.each([
    'chrome://extensions/',
    'about:blank',
    'moz-extension://abc/popup.html',
    'chrome-extension://abc/popup.html',
    'https://chromewebstore.google.com/detail/x',
    'https://addons.mozilla.org/en-US/firefox/',
    'view-source:https://example.com/',
    'not a url',
    '',
  ])('%s is a page extensions cannot run on', (url) => {
    expect(siteOf(url)).toBeNull();
    expect(siteStatus(url, on).kind).toBe('unsupported');
  });
});

describe('siteStatus', () => {
  it('is on everywhere by default', () => {
    expect(kindFor('https://example.com/', [])).toBe('on');
  });

  it('lets the global switch win over everything but unsupported pages', () => {
    expect(kindFor('https://example.com/', [], false)).toBe('off-everywhere');
    expect(kindFor('chrome://settings', [], false)).toBe('unsupported');
  });

  it('switches off a site and all its subdomains, but not its parent or look-alikes', () => {
    expect(kindFor('https://example.com/', ['example.com'])).toBe('off-here');
    expect(kindFor('https://www.example.com/', ['example.com'])).toBe('off-here');
    expect(kindFor('https://blog.example.com/', ['example.com'])).toBe('off-here');
    expect(kindFor('https://notexample.com/', ['example.com'])).toBe('on');
    expect(kindFor('https://example.com.evil.org/', ['example.com'])).toBe('on');
    expect(kindFor('https://example.com/', ['blog.example.com'])).toBe('on');
  });

  it('names the rule that switched a subdomain off', () => {
    expect(siteStatus('https://blog.example.com/', { enabled: true, disabledSites: ['example.com'] })).toEqual({
      kind: 'off-here',
      site: { key: 'blog.example.com' },
      rule: 'example.com',
    });
  });

  it('treats all local files as one site', () => {
    expect(kindFor('file:///a.html', ['file:'])).toBe('off-here');
    expect(kindFor('file:///other/b.html', ['file:'])).toBe('off-here');
    expect(kindFor('https://file/', ['file:'])).toBe('on');
  });
});

describe('withSiteSwitched', () => {
  it('adds the site without "www." when switched off, sorted and without duplicates', () => {
    expect(withSiteSwitched(['zeta.org'], 'https://www.example.com/page', false)).toEqual(['example.com', 'zeta.org']);
    expect(withSiteSwitched(['example.com'], 'https://example.com/', false)).toEqual(['example.com']);
  });

  it('removes every rule covering the page when switched on, a parent domain too', () => {
    expect(withSiteSwitched(['example.com', 'other.org'], 'https://blog.example.com/', true)).toEqual(['other.org']);
    expect(withSiteSwitched(['blog.example.com'], 'https://example.com/', true)).toEqual(['blog.example.com']);
  });

  it('leaves the list alone for pages that are not sites', () => {
    expect(withSiteSwitched(['example.com'], 'chrome://newtab', false)).toEqual(['example.com']);
  });
});

describe('ruleFromInput', () => {
  it.each([
    ['example.com', 'example.com'],
    ['  https://www.Example.com/path  ', 'example.com'],
    ['sub.example.co.uk', 'sub.example.co.uk'],
    ['local files', 'file:'],
    ['file:///x', 'file:'],
  ])('reads "%s" as %s', (input, rule) => {
    expect(ruleFromInput(input, 'Local files')).toBe(rule);
  });

  it.each(['', '   ', 'not a host!', 'chrome://extensions', 'https://addons.mozilla.org'])('rejects "%s"', (input) => {
    expect(ruleFromInput(input, 'Local files')).toBeNull();
  });
});
