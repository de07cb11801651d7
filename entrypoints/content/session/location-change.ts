import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/** How often the address is compared where the browser has no Navigation API. */
const POLL_MS = 1000;

/**
 * Calls `onChange` when the page's address changes without a page load (a single-page app's
 * next view). Not WXT's `wxt:locationchange`: that one is an event dispatched on the page's
 * window, named after our extension id, which any page can listen for. The Navigation API's
 * events reach our own listeners only, and fire once the new address is in place.
 */
export function onLocationChange(ctx: ContentScriptContext, onChange: () => void): void {
  let last = location.href;
  const check = () => {
    if (location.href === last) return;
    last = location.href;
    onChange();
  };
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  if (navigation?.addEventListener) navigation.addEventListener('currententrychange', check, { signal: ctx.signal });
  else ctx.setInterval(check, POLL_MS);
}
