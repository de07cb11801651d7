import axe from 'axe-core';
import type { Page } from 'puppeteer-core';

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
