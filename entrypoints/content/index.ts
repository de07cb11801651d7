import { bundledGlossary } from '@/glossary/bundled';
import { buildIndex } from '@/glossary/matcher';
import { CardHost } from './card-host';
import { createHighlightLayer } from './highlight';
import { HoverController } from './hover';
import { PageScanner } from './page-scanner';
import { TermRegistry } from './term-registry';

/**
 * The content script is wiring only. The flow, one file per step:
 * scan.ts (read text) → glossary/matcher.ts (find terms) → term-registry.ts + highlight.ts
 * (underline) … hover.ts + hit-test.ts (term under the pointer) → card-host.ts (the card).
 */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*', 'file:///*'],
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_idle',
  main(ctx) {
    const index = buildIndex(bundledGlossary);
    const highlights = createHighlightLayer(document);
    const registry = new TermRegistry(index, highlights);
    let hover: HoverController | null = null;
    const card = new CardHost(document, index.entries, (inside) => hover?.pointerInsideCard(inside));
    const scanner = new PageScanner(ctx, document, registry, () => card.hostElement);
    hover = new HoverController(ctx, document, registry, card, highlights);

    scanner.start();
    hover.start();

    // Extension reloaded, updated or disabled: leave the page exactly as we found it.
    ctx.onInvalidated(() => {
      scanner.stop();
      hover?.close();
      card.dispose();
      registry.forgetAll();
      highlights?.dispose();
    });
  },
});
