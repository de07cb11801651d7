import { ContentScriptContext } from 'wxt/utils/content-script-context';

/**
 * WXT's context announces every start of a content script to the page: it dispatches
 * `<extension id>:content:wxt:content-script-started` on the document (the page's own listeners
 * hear it, with its detail in Chromium), and stops itself when it hears that event from a newer
 * copy. A page that knows our public id (the store's, or Firefox's add-on id) could listen for
 * the first to learn we are there, and send the second to switch us off. Neither is needed: an
 * older copy in Chromium stops itself once its extension is gone (`ctx.isInvalid`), and Firefox
 * removes an old copy's scripts itself. Must run before WXT makes the context: at module load.
 */
export function quietWxtContext(): void {
  ContentScriptContext.prototype.stopOldScripts = () => {};
  ContentScriptContext.prototype.listenForNewerScripts = () => {};
}
