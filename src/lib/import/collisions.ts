import { parse as parseYaml } from 'yaml';
import { frontmatterText } from '../content/guide-content-checks';
import { canonicalOldPath, resolveAlias } from '../redirects/old-paths';

/**
 * Old URLs (the old page, its aliases, its images) that the guides already in the output folder
 * redirect, so an import that claims one again stops at once with both files named, rather than
 * at the end of the next build.
 */

export interface ExistingGuide {
	/** The guide's folder name (its id). */
	id: string;
	/** As shown to the author. */
	file: string;
	source: string;
}

/** Each old path already claimed, and the file that claims it. */
export function claimedOldPaths(guides: ExistingGuide[]): Map<string, { id: string; file: string }> {
	const claimed = new Map<string, { id: string; file: string }>();
	for (const guide of guides) {
		let data: Record<string, unknown>;
		try {
			data = (parseYaml(frontmatterText(guide.source) ?? '') ?? {}) as Record<string, unknown>;
		} catch {
			// A guide whose front matter does not parse claims nothing; the build names its own problem.
			continue;
		}
		const legacyUrl = typeof data.legacyUrl === 'string' ? data.legacyUrl : undefined;
		const paths = [
			...(legacyUrl ? [canonicalOldPath(legacyUrl)] : []),
			...(Array.isArray(data.aliases) ? data.aliases : []).map((alias) => {
				const resolved = resolveAlias(String(alias), legacyUrl);
				return resolved.ok ? resolved.path : null;
			}),
			...Object.keys(typeof data.legacyImages === 'object' && data.legacyImages ? data.legacyImages : {}).map(canonicalOldPath),
		];
		for (const path of paths) if (path && !claimed.has(path)) claimed.set(path, { id: guide.id, file: guide.file });
	}
	return claimed;
}

/** One problem per old path of the planned guide that another guide already redirects. */
export function collisionProblems(
	postFile: string,
	guideId: string,
	oldPaths: { path: string; what: string }[],
	claimed: Map<string, { id: string; file: string }>,
): string[] {
	return oldPaths.flatMap(({ path, what }) => {
		const canonical = canonicalOldPath(path);
		const owner = canonical ? claimed.get(canonical) : undefined;
		// Importing the same post again replaces its own guide.
		if (!owner || owner.id === guideId) return [];
		return [
			`${postFile}: its ${what} ${canonical} already redirects to the guide in ${owner.file}. An old URL can lead to one page only: remove it from one of the two, or import the post with --slug ${owner.id} to replace that guide.`,
		];
	});
}
