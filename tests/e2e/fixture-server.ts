import type { Server } from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import { serveFixtures } from './harness';

/**
 * Serves the fixture pages for the test file that calls it, from its first hook to its last.
 * Returns the origin (http://127.0.0.1:PORT), known once the hooks have run.
 */
export function useFixtureServer(): () => string {
  let server: Server | undefined;
  let origin = '';
  beforeAll(async () => {
    ({ server, origin } = await serveFixtures());
  });
  afterAll(() => server?.close());
  return () => origin;
}
