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
	return folderSize(folder, accept).bytes;
}

/**
 * Files and bytes under a folder (0 when it does not exist), optionally only those a test accepts.
 * @param {string} folder
 * @param {(path: string) => boolean} [accept]
 */
export function folderSize(folder, accept = () => true) {
	let files = 0;
	let bytes = 0;
	if (!existsSync(folder)) return { files, bytes };
	for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
		if (!entry.isFile()) continue;
		const path = join(entry.parentPath, entry.name);
		if (!accept(path)) continue;
		files += 1;
		bytes += statSync(path).size;
	}
	return { files, bytes };
}
