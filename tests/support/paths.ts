import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
/** Tests build into their own folder so they never disturb a developer's `dist/`. */
export const TEST_OUT_DIR = resolve(ROOT, '.test-output/dist');
export const CLIENT_DIR = resolve(TEST_OUT_DIR, 'client');
