import axe from 'axe-core';
import type { Page } from 'puppeteer-core';
import { inCard } from './harness';

export interface AxeFinding {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core in the page and returns its serious and critical violations. With `within`,
 * only findings on nodes under that host element (our card) count.
 */
export async function seriousViolations(page: Page, within?: string): Promise<AxeFinding[]> {
  await page.evaluate(axe.source);
  const findings = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => JSON.stringify(node.target)),
    }));
  });
  return findings
    .filter((finding) => finding.impact === 'serious' || finding.impact === 'critical')
    .map((finding) => ({
      ...finding,
      targets: within ? finding.targets.filter((target) => target.includes(within)) : finding.targets,
    }))
    .filter((finding) => finding.targets.length > 0);
}

/**
 * The card's serious and critical violations. Its shadow root is closed, so axe (a script in the
 * page) can't see into it: for this audit only, the host is given a `shadowRoot` property of the
 * page's own that returns it, as an open root would.
 */
export async function seriousViolationsInCard(page: Page): Promise<AxeFinding[]> {
  const tag = await inCard(page, (root, host) => {
    Object.defineProperty(host, 'shadowRoot', { value: root, configurable: true });
    return host.localName;
  });
  if (!tag) throw new Error('no card to audit');
  try {
    // axe must see the card's dialog, or an audit that finds nothing proves nothing.
    await page.evaluate(axe.source);
    const seen = await page.evaluate(() => {
      // Untyped helpers of axe's: its flattened tree (shadow roots included) and a query over it.
      const { utils } = (window as unknown as { axe: { utils: Record<string, (...args: unknown[]) => unknown> } }).axe;
      return (
        utils.querySelectorAll!(utils.getFlattenedTree!(document.documentElement), '[role="dialog"]') as unknown[]
      ).length;
    });
    if (seen !== 1) throw new Error(`axe sees ${seen} dialogs, not the card`);
    return await seriousViolations(page, tag);
  } finally {
    await inCard(page, (_root, host) => delete (host as unknown as { shadowRoot?: unknown }).shadowRoot);
  }
}
