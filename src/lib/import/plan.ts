import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import type { DateOrder } from '../content/dates';
import { formatProblems } from '../content/guide-content-checks';
import { lintGuideSource } from '../content/lint';
import { guideSchema, type GuideFrontmatterInput } from '../content/schema';
import { canonicalOldPath, dotSegmentProblem, pathSyntaxProblem, resolveAlias } from '../redirects/old-paths';
import { convertBody } from './convert-body';
import { readHugoFrontMatter } from './front-matter';
import { altTextWarnings } from './alt-texts';
import { claimedOldPaths, collisionProblems, type ExistingGuide } from './collisions';
import { descriptionFrom, descriptionFromTitle, firstParagraph } from './infer-fields';
import { guideSlug } from './slug';

/**
 * Plans the import of Hugo posts: everything is read, converted and checked first. A post
 * with a problem is refused whole (nothing of it is written) and the others go on, so one
 * broken post in an old blog does not hold back the rest. File access comes in through
 * `ImportFiles`, which keeps this testable on plain objects.
 */

export interface HugoPost {
	/** As shown to the author (relative to where the command ran). */
	file: string;
	source: string;
	/** Old URL folder of the post (`/blog/2019/`), from --section or the Hugo content tree. */
	section?: string;
	/** File name without extension, or the folder name of a page bundle (`index.md`). */
	name: string;
	/** Path of the post inside a Hugo `content/` tree, without extension, for ref/relref. */
	contentPath?: string;
}

export interface ImportOptions {
	out: string;
	dateOrder?: DateOrder;
	force: boolean;
	/** `--tags`: for posts without Hugo tags, categories or keywords. */
	tags?: string[];
	/** `--topic`: the home-page topic of every imported guide. */
	topic?: string;
	/** The site config's `importDefaults`: the topic, and the tag of a post with none. */
	defaults: { topic: string; tag: string };
	/** `--slug`: the guide id of the one post imported. */
	slug?: string;
	/** `--missing-images=placeholder`: a marked placeholder for each image that cannot be found, instead of stopping. */
	missingImages?: 'stop' | 'placeholder';
}

export interface ImportFiles {
	/** The first existing file for an image URL path of the post, or null. */
	findImage: (post: HugoPost, urlPath: string, legacyUrl: string | undefined) => string | null;
	/** Current text of a file, or null when missing. */
	read: (path: string) => string | null;
	/** The guides already in the output folder, whose old URLs an import must not claim again. */
	existingGuides: () => ExistingGuide[];
}

/** Written beside an imported guide: what the importer wrote, so edits are noticed. */
export const IMPORT_RECORD = '.hugo-import.json';

interface PlannedGuide {
	post: HugoPost;
	id: string;
	folder: string;
	mdx: string;
	/** `from` is null for a placeholder of a missing image. */
	images: { from: string | null; to: string }[];
	aliases: number;
	record: string;
	warnings: string[];
	/** Every field the post lacked and the importer filled in, as lines for the author to review. */
	inferred: string[];
	/** Overwrites a guide that had been imported before and was not edited since. */
	replaces: boolean;
}

/** A post that is not written, with every reason, each naming its file (and line where there is one). */
interface RefusedPost {
	post: HugoPost;
	problems: string[];
}

export interface ImportPlan {
	guides: PlannedGuide[];
	refused: RefusedPost[];
}

function sha256(text: string): string {
	return createHash('sha256').update(text).digest('hex');
}

function withTrailingSlash(path: string): string {
	const withRoot = path.startsWith('/') ? path : `/${path}`;
	return withRoot.endsWith('/') ? withRoot : `${withRoot}/`;
}

function refKey(target: string): string {
	return target
		.replace(/#.*$/, '')
		.replace(/^\/+|\/+$/g, '')
		.replace(/(?:\/index|\/_index)?\.(?:md|markdown)$/, '')
		.replace(/\/index$/, '');
}

/**
 * Fills what the post lacks: the description from its first paragraph; tags from Hugo
 * `categories` or `keywords`, else `--tags`, else the site's default tag; the topic from
 * `--topic`, else the site's default. Returns a line per inferred field.
 */
function inferFields(front: ReturnType<typeof readHugoFrontMatter>, options: ImportOptions) {
	const inferred: string[] = [];
	let description = front.fields.description;
	if (description === undefined) {
		const paragraph = firstParagraph(front.body);
		if (paragraph) {
			description = descriptionFrom(paragraph);
			inferred.push(`inferred description from the first paragraph: "${description}"`);
		} else if (front.fields.title) {
			description = descriptionFromTitle(front.fields.title);
			inferred.push(`inferred description from the title, as no paragraph is a complete statement: "${description}"`);
		}
	}
	let tags = front.fields.tags;
	const otherFields = front.fields.tagFields.filter((field) => field !== 'tags');
	if (otherFields.length) inferred.push(`inferred tags from Hugo ${otherFields.join(' and ')}: ${tags.join(', ')}`);
	if (!tags.length && options.tags?.length) {
		tags = options.tags;
		inferred.push(`inferred tags from --tags: ${tags.join(', ')}`);
	} else if (!tags.length) {
		tags = [options.defaults.tag];
		inferred.push(`inferred tags from the site config's default (importDefaults.tag): ${options.defaults.tag}`);
	}
	const topic = options.topic ?? options.defaults.topic;
	inferred.push(
		options.topic
			? `inferred topic from --topic: ${topic}`
			: `inferred topic from the site config's default (importDefaults.topic): ${topic}; move the guide to its own topic when you review it`,
	);
	return { description, tags, topic, inferred };
}

export function planImport(posts: HugoPost[], options: ImportOptions, files: ImportFiles): ImportPlan {
	const guides: PlannedGuide[] = [];
	const refused: (RefusedPost & { id: string })[] = [];

	// Posts of this import, by every name a ref/relref may use, so links between them survive.
	const byRef = new Map<string, string>();
	const identity = posts.map((post) => {
		const front = readHugoFrontMatter(post.source, options.dateOrder);
		const slug = guideSlug({
			flag: options.slug,
			slug: front.fields.slug,
			url: front.fields.url,
			title: front.fields.title,
			name: post.name,
		});
		const id = slug.id;
		const legacyUrl = front.fields.url
			? withTrailingSlash(front.fields.url)
			: post.section
				? `${withTrailingSlash(post.section)}${front.fields.slug ?? post.name}/`
				: undefined;
		for (const key of [post.name, post.contentPath, legacyUrl].filter((k): k is string => !!k)) byRef.set(refKey(key), id);
		return { post, front, id, idFrom: slug.from, legacyUrl };
	});
	const seenIds = new Map<string, string>();
	const claimed = claimedOldPaths(files.existingGuides());

	for (const { post, front, id, idFrom, legacyUrl } of identity) {
		const own: string[] = [
			...(front.syntaxError ? [`${post.file}:${front.syntaxError.line}: ${front.syntaxError.message}`] : []),
			...front.problems.map((p) => `${post.file}: ${p}`),
		];
		const warnings = front.notes.map((n) => `${post.file}: ${n}`);
		if (!id)
			own.push(
				`${post.file}: no guide id can be made from its slug, url, title or file name ("${post.name}"). Pass --slug my-guide-name or add slug: to its front matter.`,
			);
		const earlier = seenIds.get(id);
		if (earlier) own.push(`${post.file}: becomes guide "${id}", like ${earlier}. Give one of them a different slug: in its front matter.`);
		seenIds.set(id, post.file);

		const body = convertBody(front.body, front.bodyLine, {
			resolveRef: (target) => {
				const found = byRef.get(refKey(target)) ?? byRef.get(refKey(target).split('/').pop() ?? '');
				const anchor = /#.*$/.exec(target)?.[0] ?? '';
				return found ? `/guides/${found}/${anchor}` : null;
			},
		});
		own.push(...body.problems.map((p) => `${post.file}:${p.line}: ${p.message}`));
		warnings.push(...body.warnings.map((w) => `${post.file}:${w.line}: ${w.message}`));

		const images: PlannedGuide['images'] = [];
		const placeholders: string[] = [];
		/** Every missing image of the post, reported as one list so they can be fixed in one go. */
		const missingImages: string[] = [];
		const legacyImages: Record<string, string> = {};
		for (const image of body.images) {
			if (images.some((i) => i.to === image.localName)) continue;
			const found = files.findImage(post, image.path, legacyUrl);
			if (!found && options.missingImages === 'placeholder') {
				placeholders.push(
					`${post.file}:${image.line}: image ${image.path} is missing; wrote a placeholder ${image.localName} (alt text kept). Replace it with the real screenshot.`,
				);
			} else if (!found) {
				missingImages.push(`  ${post.file}:${image.line}  ${image.path}`);
				continue;
			}
			images.push({ from: found, to: image.localName });
			const oldUrl = image.path.startsWith('/')
				? canonicalOldPath(image.path)
				: legacyUrl
					? canonicalOldPath(`${legacyUrl}${image.path}`)
					: null;
			if (oldUrl) legacyImages[oldUrl] = `./${image.localName}`;
		}

		const fields = inferFields(front, options);
		const { description, tags, topic } = fields;
		const inferred = [`guide folder and URL from ${idFrom}: ${id}`, ...fields.inferred];
		warnings.push(...placeholders, ...altTextWarnings(body.images).map((w) => `${post.file}:${w.line}: ${w.message}`));
		if (description === undefined) {
			own.push(
				`${post.file}: has no description (Hugo \`description\` or \`summary\`) and no paragraph of text to take one from. Add description: "One sentence for cards and search." to its front matter.`,
			);
		}

		const aliases = legacyUrl ? [legacyUrl, ...front.fields.aliases.filter((a) => a !== legacyUrl)] : front.fields.aliases;
		if (legacyUrl) {
			const unsafe = pathSyntaxProblem(legacyUrl) ?? dotSegmentProblem(legacyUrl);
			if (unsafe) own.push(`${post.file}: the old URL "${legacyUrl.slice(0, 120)}" (Hugo url, or the post's folder) ${unsafe}`);
		}
		for (const alias of aliases) {
			const dots = dotSegmentProblem(alias);
			if (dots) {
				own.push(`${post.file}: alias "${alias.slice(0, 120)}" ${dots}`);
				continue;
			}
			const resolved = resolveAlias(alias, legacyUrl);
			if (!resolved.ok)
				own.push(
					`${post.file}: alias ${resolved.message}${legacyUrl ? '' : ' Pass --section /blog/2019/ (the folder the post was served from).'}`,
				);
		}

		own.push(
			...collisionProblems(
				post.file,
				id,
				[
					...(legacyUrl ? [{ path: legacyUrl, what: 'old URL' }] : []),
					...aliases.flatMap((alias) => {
						const resolved = resolveAlias(alias, legacyUrl);
						return resolved.ok && resolved.path !== legacyUrl ? [{ path: resolved.path, what: 'alias' }] : [];
					}),
					...Object.keys(legacyImages).map((path) => ({ path, what: 'old image' })),
				],
				claimed,
			),
		);

		const frontMatter: GuideFrontmatterInput = {
			title: front.fields.title as string,
			description: description as string,
			published: front.fields.published,
			...(front.fields.updated ? { updated: front.fields.updated } : {}),
			tags,
			topic,
			...(legacyUrl ? { legacyUrl } : {}),
			...(aliases.length ? { aliases } : {}),
			...(Object.keys(legacyImages).length ? { legacyImages } : {}),
			...(front.fields.draft ? { draft: true } : {}),
		};
		// A date that could not be read is already reported; the schema would only add "published is missing".
		// Front matter that does not parse is reported once, not again as every field it would have held.
		if (!front.syntaxError && (front.fields.published !== undefined || !front.problems.some((p) => p.startsWith('`date`')))) {
			const checked = guideSchema.safeParse(frontMatter);
			if (!checked.success) {
				for (const issue of checked.error.issues) {
					const field = issue.path.join('.');
					const hint =
						field === 'description'
							? ' (Hugo `description` or `summary`)'
							: field === 'published'
								? ' (Hugo `date`)'
								: field === 'tags'
									? ' (Hugo `tags`)'
									: '';
					own.push(`${post.file}: ${issue.message}${hint}`);
				}
			}
		}

		const mdx = `---\n${stringify(frontMatter, { lineWidth: 0 }).trimEnd()}\n---\n${body.imports.length ? `\n${body.imports.join('\n')}\n` : ''}\n${body.mdx}`;
		if (!own.length && !missingImages.length) {
			const lint = lintGuideSource(mdx, (path) => images.some((i) => `./${i.to}` === path || i.to === path));
			if (lint.length) own.push(`${post.file} would become an invalid guide:\n${formatProblems(`${options.out}/${id}/index.mdx`, lint)}`);
		}

		const folder = `${options.out}/${id}`;
		const existing = files.read(`${folder}/index.mdx`);
		let replaces = false;
		if (existing !== null) {
			const recordText = files.read(`${folder}/${IMPORT_RECORD}`);
			let recorded: string | undefined;
			try {
				recorded = recordText ? (JSON.parse(recordText) as { sha256?: string }).sha256 : undefined;
			} catch {
				recorded = undefined;
			}
			if (!options.force) {
				if (!recorded) {
					own.push(`${post.file}: ${folder}/index.mdx already exists and was not written by this importer. Pass --force to replace it.`);
				} else if (recorded !== sha256(existing)) {
					own.push(
						`${post.file}: ${folder}/index.mdx was edited since it was imported. Keep the edits (do nothing), or pass --force to replace it with a fresh import.`,
					);
				}
			}
			replaces = true;
		}

		if (missingImages.length) {
			own.unshift(
				`${missingImages.length} image${missingImages.length === 1 ? '' : 's'} could not be found (looked in --images, the Hugo static/ folder and beside the post); pass --missing-images=placeholder to import it without them:\n${missingImages.join('\n')}`,
			);
		}
		if (own.length) {
			refused.push({ post, id, problems: own });
			continue;
		}
		guides.push({
			post,
			id,
			folder,
			mdx,
			images,
			aliases: aliases.length,
			record: `${JSON.stringify({ source: post.file, sha256: sha256(mdx) }, null, '\t')}\n`,
			warnings,
			inferred,
			replaces,
		});
	}

	// A guide linking to a refused post (ref/relref) would link nowhere: it waits for that post.
	for (let index = 0; index < guides.length;) {
		const guide = guides[index]!;
		const missing = refused.find((post) => post.id && guide.mdx.includes(`](/guides/${post.id}/`));
		if (!missing) {
			index++;
			continue;
		}
		guides.splice(index, 1);
		refused.push({
			post: guide.post,
			id: guide.id,
			problems: [`${guide.post.file}: links to ${missing.post.file}, which was refused. Fix that post, then import both again.`],
		});
		index = 0;
	}
	return { guides, refused: refused.map(({ post, problems }) => ({ post, problems })) };
}
