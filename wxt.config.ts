import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// Firefox gets MV3 too (`wxt build -b firefox --mv3`), so both stores ship one shape.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'Plain Terms',
    description: 'Explains the health terms on any page in plain language. Nothing leaves your browser.',
    // No permissions: the content script needs only its match patterns.
    permissions: [],
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'plain-terms@plainterms.app',
          // The CSS Custom Highlight API shipped in Firefox 140.
          strict_min_version: '140.0',
          // Nothing is collected: Firefox shows this at install.
          data_collection_permissions: { required: ['none'] },
        },
      },
    }),
  }),
});
