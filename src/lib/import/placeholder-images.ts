import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The image `--missing-images=placeholder` writes for each screenshot an old post names but
 * nobody has any more: clearly marked as a placeholder, so the import can finish and the
 * author can review the guide, while the build warns, naming each one, until it is replaced.
 */
export const PLACEHOLDER_IMAGE = fileURLToPath(new URL('./assets/missing-image-placeholder.png', import.meta.url));

let placeholder: Buffer | undefined;

function isPlaceholder(file: string): boolean {
	placeholder ??= readFileSync(PLACEHOLDER_IMAGE);
	// The size first: only a file of exactly the placeholder's size is read.
	return statSync(file).size === placeholder.length && readFileSync(file).equals(placeholder);
}

/** The images of a guide's folder that are still the placeholder, by file name. */
export function placeholdersIn(folder: string): string[] {
	return readdirSync(folder)
		.filter((name) => /\.(?:png|jpe?g|gif|webp)$/i.test(name) && isPlaceholder(join(folder, name)))
		.sort();
}
