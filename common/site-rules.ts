/**
 * Whether Plain Terms runs on a page: one pure function of (url, settings).
 *
 * Decisions:
 * - A site is a host name without a leading "www.". Switching off a site also switches off its
 *   subdomains: off for "example.com" covers "www.example.com" and "blog.example.com"; off for
 *   "blog.example.com" leaves "example.com" on.
 * - All local files (file://) are one site, "file:" (the popup and options page call it "local files").
 * - Pure: it names sites by their keys; the pages turn a key into words (`siteLabel`).
 * - Browser pages (chrome://, about:, extension pages, the extension stores) never run content
 *   scripts; they are "unsupported", and the popup says so instead of showing a switch.
 */
export type SiteStatus =
  | { kind: 'on'; site: Site }
  | { kind: 'off-here'; site: Site; rule: string }
  | { kind: 'off-everywhere'; site: Site }
  | { kind: 'unsupported' };

export interface Site {
  /** The key a rule for this page is stored under: "example.com", or "file:" for local files. */
  key: string;
}

/** The switched-off sites and the global switch: all the site rules read of the settings. */
interface SiteSettings {
  enabled: boolean;
  disabledSites: readonly string[];
}

/** Hosts where browsers forbid content scripts. */
/** The one key of every local file. */
const LOCAL_FILES = 'file:';

const STORE_HOSTS = [
  'chromewebstore.google.com',
  'chrome.google.com',
  'addons.mozilla.org',
  'microsoftedge.microsoft.com',
];

export function siteOf(url: string): Site | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol === 'file:') return { key: LOCAL_FILES };
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  if (!host || STORE_HOSTS.includes(host)) return null;
  const key = host.startsWith('www.') && host.length > 4 ? host.slice(4) : host;
  return { key };
}

/** The stored rule that switches this site off, if any: the site itself or a parent domain. */
function matchingRule(site: Site, disabledSites: readonly string[]): string | undefined {
  if (site.key === 'file:') return disabledSites.includes('file:') ? 'file:' : undefined;
  return disabledSites.find((rule) => site.key === rule || site.key.endsWith(`.${rule}`));
}

export function siteStatus(url: string, settings: SiteSettings): SiteStatus {
  const site = siteOf(url);
  if (!site) return { kind: 'unsupported' };
  if (!settings.enabled) return { kind: 'off-everywhere', site };
  const rule = matchingRule(site, settings.disabledSites);
  return rule ? { kind: 'off-here', site, rule } : { kind: 'on', site };
}

/**
 * The disabled-site list after switching `url`'s site on or off. Switching on removes every rule
 * that covers the site (a parent-domain rule too: the reader asked for this page).
 */
export function withSiteSwitched(disabledSites: readonly string[], url: string, on: boolean): string[] {
  const site = siteOf(url);
  if (!site) return [...disabledSites];
  const covering = (rule: string) => site.key === rule || (site.key !== 'file:' && site.key.endsWith(`.${rule}`));
  const rest = disabledSites.filter((rule) => !covering(rule));
  return on ? rest : [...rest, site.key].sort();
}

/**
 * Turns what a user typed in the options page ("https://www.Example.com/a") into a rule key.
 * `localFilesName` is what the page calls local files, in the reader's language.
 */
export function ruleFromInput(input: string, localFilesName: string): string | null {
  const trimmed = input.trim();
  if (!trimmed) return null;
  if (/^file:/i.test(trimmed) || trimmed.toLowerCase() === localFilesName.toLowerCase()) return LOCAL_FILES;
  const site = siteOf(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  if (!site || !/^[a-z0-9.-]+$|^\[[0-9a-f:]+\]$/.test(site.key)) return null;
  return site.key;
}
