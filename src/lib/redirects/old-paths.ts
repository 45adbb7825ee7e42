/**
 * Old blog URLs, read the way Hugo wrote them. Hugo published a page at
 * `/blog/2019/name/` as `/blog/2019/name/index.html`, and an alias without an
 * extension the same way, so `/name`, `/name/` and `/name/index.html` all mean one page.
 * A path whose last segment has an extension (`awsmfa1.png`, `old.html`) is a file.
 */

export type AliasResult = { ok: true; path: string } | { ok: false; message: string };

const SCHEME_OR_HOST = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;
const HAS_EXTENSION = /\.[A-Za-z0-9]+$/;

/** True when the last segment names a file (`.png`, `.html`) rather than a page folder. */
function isFilePath(path: string): boolean {
	const last = path.split('/').pop() ?? '';
	return HAS_EXTENSION.test(last) && !/^index\.html?$/i.test(last);
}

/**
 * Joins `segments` onto `base` (a list of folder names), following `.` and `..`.
 * Returns null when `..` climbs above the site root.
 */
function walk(base: string[], segments: string[]): string[] | null {
	const out = [...base];
	for (const segment of segments) {
		if (segment === '' || segment === '.') continue;
		if (segment === '..') {
			if (out.length === 0) return null;
			out.pop();
			continue;
		}
		out.push(segment);
	}
	return out;
}

function fromSegments(segments: string[], endsAsFolder: boolean): string {
	if (segments.length === 0) return '/';
	const last = segments[segments.length - 1]!;
	if (/^index\.html?$/i.test(last)) return segments.length === 1 ? '/' : `/${segments.slice(0, -1).join('/')}/`;
	const joined = `/${segments.join('/')}`;
	return endsAsFolder || !isFilePath(joined) ? `${joined}/` : joined;
}

/**
 * The canonical form of a path from the site root: folders end in `/`, `index.html`
 * is dropped, files keep their name. Null when `..` leaves the root.
 */
export function canonicalOldPath(path: string): string | null {
	const segments = walk([], path.split('/'));
	if (!segments) return null;
	return fromSegments(segments, path.endsWith('/'));
}

/** The folder an old page lived in: `/blog/2019/enable-aws-mfa/` lived in `/blog/2019/`. */
function folderOf(pageUrl: string): string[] {
	const segments = pageUrl.split('/').filter((s) => s !== '' && s !== '.');
	if (segments.length && /^index\.html?$/i.test(segments[segments.length - 1]!)) segments.pop();
	return segments.slice(0, -1);
}

/**
 * Why an old path cannot be a redirect source on every host: an encoded slash or dot, or a
 * backslash, means a different path to each host (and to the build, which writes files by
 * it); an empty segment (`//`) reads as another host in a Location header. Null when fine.
 */
export function pathSyntaxProblem(path: string): string | null {
	if (/%2f|%5c|%2e|%00/i.test(path))
		return 'holds an encoded slash, backslash or dot (%2F, %5C, %2E). Write the path with plain characters.';
	// eslint-disable-next-line no-control-regex -- finding control characters is the point
	if (/[\\\x00-\x1f\x7f]/.test(path)) return 'holds a backslash or a control character. Write the path with / between folders.';
	if (/\/\//.test(path)) return 'holds an empty segment (//). Write one / between folders.';
	return null;
}

/**
 * Dot segments in an alias the importer writes: only a relative alias may climb, and only at
 * its start (`../old-name`, as Hugo resolves it); `/a/./b/` or `/a/../b/` is refused.
 */
export function dotSegmentProblem(alias: string): string | null {
	const segments = alias.trim().split('/');
	const firstNamed = segments.findIndex((segment) => segment !== '.' && segment !== '..' && segment !== '');
	const later = alias.trim().startsWith('/') ? segments : segments.slice(firstNamed === -1 ? segments.length : firstNamed);
	return later.some((segment) => segment === '.' || segment === '..')
		? 'holds a "." or ".." segment inside the path. Write the old path as it was served, for example /blog/2019/old-name/.'
		: null;
}

/**
 * Resolves one Hugo alias. An alias starting with `/` is from the site root; any other
 * alias is relative to the folder of the page's old URL (`legacyUrl`), as Hugo did it.
 */
export function resolveAlias(alias: string, legacyUrl: string | undefined): AliasResult {
	const text = alias.trim();
	if (text === '') return { ok: false, message: 'is empty. Write the old path, for example /blog/2019/old-name/.' };
	if (SCHEME_OR_HOST.test(text)) {
		return { ok: false, message: `"${text}" is a full URL. Write only the path on this site, for example /blog/2019/old-name/.` };
	}
	if (/[?#\s]/.test(text)) {
		return {
			ok: false,
			message: `"${text}" holds a query, fragment or space. An alias is a bare path; old query strings and #fragments are carried over by themselves.`,
		};
	}
	const unsafe = pathSyntaxProblem(text);
	if (unsafe) return { ok: false, message: `"${text.slice(0, 120)}" ${unsafe}` };
	if (text.startsWith('/')) {
		const path = canonicalOldPath(text);
		if (!path) return { ok: false, message: `"${text}" climbs above the site root with "..". Remove the extra "../".` };
		return { ok: true, path };
	}
	if (!legacyUrl) {
		return {
			ok: false,
			message: `"${text}" is relative, so it needs the page's old URL to resolve against. Add legacyUrl (for example legacyUrl: /blog/2019/old-name/) or write the alias from the root, starting with /.`,
		};
	}
	const segments = walk(folderOf(legacyUrl), text.split('/'));
	if (!segments) {
		return {
			ok: false,
			message: `"${text}" climbs above the site root from ${legacyUrl}'s folder (/${folderOf(legacyUrl).join('/')}${folderOf(legacyUrl).length ? '/' : ''}). Remove the extra "../".`,
		};
	}
	return { ok: true, path: fromSegments(segments, text.endsWith('/')) };
}

/**
 * Every spelling a reader may arrive with. Pages: without and with the trailing slash
 * and as `index.html`. Files: only their own name.
 */
export function urlVariants(canonicalPath: string): string[] {
	if (canonicalPath === '/') return ['/', '/index.html'];
	if (!canonicalPath.endsWith('/')) return [canonicalPath];
	return [canonicalPath.slice(0, -1), canonicalPath, `${canonicalPath}index.html`];
}
