import { existsSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * The importer reads only what it is given: an image is a PNG, JPEG, GIF, WebP or AVIF file
 * inside the --images folder, the Hugo static/ folder or the post's own folder. Anything
 * else (a `..` that climbs, a backslash, a symlink out, an environment file named as an
 * image) is refused, so no other file can be copied into a guide and printed by the build.
 */

/** What a screenshot may be; SVG is left out because it can carry script. */
const IMAGE_FILE = /\.(?:png|jpe?g|gif|webp|avif)$/i;

/** Why an image path from a post may not be read (already percent-decoded); null when it may. */
export function imagePathProblem(path: string): string | null {
	if (/[\\\0]/.test(path) || /%2f|%5c/i.test(path)) {
		return 'holds a backslash, an encoded slash or a NUL. Write the path with plain / between folders.';
	}
	if (path.split('/').some((segment) => segment === '..')) {
		return 'climbs out of its folder with "..". Put the image beside the post or in the --images folder, and link to it there.';
	}
	if (!IMAGE_FILE.test(path)) {
		return 'is not a PNG, JPEG, GIF, WebP or AVIF file. Save the screenshot as PNG next to the post, then import again.';
	}
	return null;
}

/** The real path of `relativePath` under `root` when it is a file that stays inside `root` (symlinks followed); otherwise null. */
export function fileInside(root: string, relativePath: string): string | null {
	if (isAbsolute(relativePath) || relativePath.split(/[\\/]/).includes('..')) return null;
	const candidate = resolve(root, relativePath);
	if (!existsSync(candidate) || !existsSync(root)) return null;
	const real = realpathSync(candidate);
	const inside = relative(realpathSync(root), real);
	if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return null;
	return statSync(real).isFile() ? real : null;
}
