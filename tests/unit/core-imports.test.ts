import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

/** The pure core: everything in glossary/, and the settings and site rules every context shares. */
const CORE = [
  ...readdirSync(join(ROOT, 'glossary'))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => `glossary/${name}`),
  'common/settings.ts',
  'common/site-rules.ts',
  'common/commands.ts',
];

/** What a module imports at run time (`import type` brings nothing), as paths from the root or package names. */
function runtimeImports(file: string): string[] {
  const code = readFileSync(join(ROOT, file), 'utf8');
  return [...code.matchAll(/^import (?!type )[^'"]*['"]([^'"]+)['"]/gm)].map(([, from]) =>
    from!.startsWith('@/')
      ? `${from!.slice(2)}.ts`
      : from!.startsWith('.')
        ? `${relative(ROOT, join(ROOT, dirname(file), from!))}.ts`
        : from!,
  );
}

describe('the pure core', () => {
  it.each(CORE)('%s reaches no browser API and no i18n, through any of its imports', (file) => {
    const seen = new Set<string>();
    const visit = (path: string) => {
      if (seen.has(path)) return;
      seen.add(path);
      if (path.endsWith('.ts') && !path.endsWith('.json.ts')) for (const next of runtimeImports(path)) visit(next);
    };
    visit(file);
    expect([...seen].filter((path) => /^wxt|webextension|^common\/(i18n|store|messages)\.ts$/.test(path))).toEqual([]);
  });
});
