// @ts-check
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The installed version of a package under a folder's node_modules, for the bench's report. @param {string} folder @param {string} pkg */
export function installedVersion(folder, pkg) {
	return /** @type {{ version: string }} */ (JSON.parse(readFileSync(join(folder, 'node_modules', pkg, 'package.json'), 'utf8'))).version;
}
