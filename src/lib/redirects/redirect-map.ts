import { z } from 'astro/zod';
import { canonicalOldPath, resolveAlias, urlVariants } from './old-paths.ts';
import { joinBase, normaliseBase } from '../site/base-path.ts';

/**
 * One redirect map for every way the site is served (Node server, stub pages,
 * `_redirects`, CloudFront Function), built from the guides' `legacyUrl`, `aliases`
 * and `legacyImages`, plus the site-level legacy map for URLs that were never a guide.
 */

const sitePath = z.string().regex(/^\//, { error: 'must be a path from the site root, starting with /' });

/** `src/content/legacy-redirects.json`: old URLs that are not a guide's. */
export const legacyRedirectsSchema = z
	.object({
		redirects: z.array(
			z
				.object({
					from: sitePath,
					to: sitePath,
					/** Why the rule exists; for the next person reading the file. */
					note: z.string().optional(),
				})
				.strict(),
		),
	})
	.strict();
export type LegacyRedirects = z.infer<typeof legacyRedirectsSchema>;

/** What one guide declares, with its images already resolved to the URLs the build emitted. */
const guideRedirectSourceSchema = z.object({
	id: z.string(),
	/** The guide's file, relative to the project, named in error messages. */
	file: z.string(),
	/** The guide's page, `/guides/<id>/`. */
	target: sitePath,
	legacyUrl: z.string().optional(),
	aliases: z.array(z.string()),
	images: z.array(z.object({ from: z.string(), to: z.string() })),
});
export type GuideRedirectSource = z.infer<typeof guideRedirectSourceSchema>;
export const guideRedirectSourcesSchema = z.array(guideRedirectSourceSchema);

/** A page the build produced, with the file it came from. */
export interface SitePage {
	path: string;
	file: string;
}

export interface RedirectRule {
	/** Canonical old path: folders end in `/`, files keep their name. */
	from: string;
	to: string;
	declaredIn: string;
}

export interface RedirectMap {
	/** The base path the site is served under (`/` or `/security/`); every `from` and `to` holds it. */
	base: string;
	rules: RedirectRule[];
	/** Every spelling of every old path → its target, so a request needs one lookup. */
	lookup: Record<string, string>;
}

export type RedirectMapResult = { ok: true; map: RedirectMap } | { ok: false; problems: string[] };

interface Declared extends RedirectRule {
	/** How the author wrote it, quoted back in messages. */
	written: string;
}

/** `/guides/` and `/guides` are the same page for the purpose of collisions. */
function samePage(path: string): string {
	return path.length > 1 ? path.replace(/\/index\.html?$/i, '/').replace(/\/$/, '') : path;
}

/**
 * Old paths are written from the site root, as the old blog had them; under a base path
 * (`/security`) each old URL and each target is served below it, so the map holds them with
 * the base. Guide targets, images and `pages` arrive with the base already (they are URLs
 * the build produced); old paths and the legacy map's targets get it here.
 */
export function buildRedirectMap(input: {
	guides: GuideRedirectSource[];
	legacy: { file: string; redirects: LegacyRedirects['redirects'] };
	pages: SitePage[];
	base?: string;
}): RedirectMapResult {
	const problems: string[] = [];
	const based = (path: string) => joinBase(input.base, path);
	const declared: Declared[] = [];

	for (const guide of input.guides) {
		const wanted = [...(guide.legacyUrl ? [guide.legacyUrl] : []), ...guide.aliases];
		for (const written of wanted) {
			const field = written === guide.legacyUrl ? 'legacyUrl' : 'aliases';
			const resolved = resolveAlias(written, guide.legacyUrl);
			if (!resolved.ok) {
				problems.push(`${guide.file}: ${field} entry ${resolved.message}`);
				continue;
			}
			declared.push({ from: based(resolved.path), to: guide.target, declaredIn: guide.file, written });
		}
		for (const image of guide.images) {
			const from = image.from.startsWith('/') ? canonicalOldPath(image.from) : null;
			if (!from) {
				problems.push(
					`${guide.file}: legacyImages key "${image.from}" must be the old image's path from the site root, such as /blog/2019/images/awsmfa1.png.`,
				);
				continue;
			}
			declared.push({ from: based(from), to: image.to, declaredIn: guide.file, written: image.from });
		}
	}
	for (const rule of input.legacy.redirects) {
		const from = canonicalOldPath(rule.from);
		if (!from) {
			problems.push(`${input.legacy.file}: "${rule.from}" climbs above the site root with "..".`);
			continue;
		}
		declared.push({ from: based(from), to: based(rule.to), declaredIn: input.legacy.file, written: rule.from });
	}

	const pagesByPath = new Map(input.pages.map((page) => [samePage(page.path), page]));
	const byFrom = new Map<string, Declared>();
	for (const rule of declared) {
		const page = pagesByPath.get(samePage(rule.from));
		if (page) {
			problems.push(
				`"${rule.written}" in ${rule.declaredIn} is the URL of a real page (${page.path}, from ${page.file}). ` +
					`An old URL cannot redirect where a page lives: remove the alias from ${rule.declaredIn}, or move the page in ${page.file}.`,
			);
			continue;
		}
		const earlier = byFrom.get(rule.from);
		if (!earlier) {
			byFrom.set(rule.from, rule);
			continue;
		}
		if (earlier.to !== rule.to) {
			problems.push(
				`${rule.from} is claimed twice with different targets: "${earlier.written}" in ${earlier.declaredIn} sends it to ${earlier.to}, ` +
					`"${rule.written}" in ${rule.declaredIn} sends it to ${rule.to}. Keep it in one of the two files.`,
			);
		} else if (earlier.declaredIn !== rule.declaredIn) {
			problems.push(
				`${rule.from} is declared in both ${earlier.declaredIn} and ${rule.declaredIn}. Keep it in one file so the two cannot drift apart.`,
			);
		}
	}

	// One hop, never a loop: a target must be a page of this site, not another old URL.
	const rules = [...byFrom.values()].sort((a, b) => a.from.localeCompare(b.from));
	// Under a base path (`/security/_astro/...`) the optimized images sit below the base.
	const isGuideAsset = (to: string) => !to.startsWith('/') || /^(?:\/[^/]+)*\/_astro\//.test(to);
	for (const rule of rules) {
		const toPath = rule.to.split(/[?#]/)[0]!;
		if (samePage(toPath) === samePage(rule.from)) {
			problems.push(`${rule.declaredIn}: ${rule.written} redirects to itself. Point it at the page that replaced it.`);
			continue;
		}
		const chained = canonicalOldPath(toPath);
		const next = chained ? byFrom.get(chained) : undefined;
		if (next) {
			problems.push(
				`${rule.declaredIn}: ${rule.written} redirects to ${rule.to}, which is itself an old URL (declared in ${next.declaredIn}, going to ${next.to}). ` +
					`Point it straight at ${next.to} so readers arrive in one hop.`,
			);
			continue;
		}
		if (!isGuideAsset(toPath) && !pagesByPath.has(samePage(toPath))) {
			problems.push(
				`${rule.declaredIn}: ${rule.written} redirects to ${rule.to}, but the build has no page there. Point it at an existing page, such as /guides/.`,
			);
		}
	}
	if (problems.length) return { ok: false, problems };

	const lookup: Record<string, string> = {};
	for (const rule of rules) for (const variant of urlVariants(rule.from)) lookup[variant] = rule.to;
	return {
		ok: true,
		map: { base: normaliseBase(input.base), rules: rules.map(({ from, to, declaredIn }) => ({ from, to, declaredIn })), lookup },
	};
}
