// @ts-check
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const IMAGE_FILE = /\.(avif|webp|png|jpe?g|gif|svg)$/i;

/**
 * Bytes of the files under a folder (0 when it does not exist), optionally only those a test accepts.
 * @param {string} folder
 * @param {(path: string) => boolean} [accept]
 */
export function folderBytes(folder, accept = () => true) {
	if (!existsSync(folder)) return 0;
	let total = 0;
	for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
		if (!entry.isFile()) continue;
		const path = join(entry.parentPath, entry.name);
		if (accept(path)) total += statSync(path).size;
	}
	return total;
}
