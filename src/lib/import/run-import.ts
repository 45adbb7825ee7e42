import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { IMPORT_RECORD, planImport, type HugoPost, type ImportFiles } from './plan';
import { importReport } from './report';
import { PLACEHOLDER_IMAGE } from './placeholder-images';
import { tagSlug } from './front-matter';
import { fileInside } from './safe-paths';
import { IMPORT_DEFAULTS, TOPIC_IDS } from '../guides/topics';

/**
 * `npm run import:hugo -- <file-or-folder> [options]`: the file-system half of the importer.
 * It finds posts and images and writes the plan; deciding what to write is in plan.ts.
 */

const USAGE = `Usage: npm run import:hugo -- <post.md or folder> [options]

Options:
  --section /blog/2019/   the folder the posts were served from on the old blog
                          (default: the post's folder inside a Hugo content/ tree)
  --images <folder>       where the old images are (default: the Hugo static/ folder)
  --date-order mdy|dmy    how to read dates written as 09-12-2019
  --tags a,b              tags for posts without Hugo tags, categories or keywords
                          (default: importDefaults.tag in src/site.config.mjs)
  --topic <id>            the home-page topic of the imported guides, one of the
                          topics in src/site.config.mjs (default: importDefaults.topic)
  --out <folder>          where guides are written (default: src/content/guides)
  --slug <id>             the guide's folder and URL, for an import of one post
                          (default: the post's slug, url or title; its file
                          name only without these, and never an id-like one)
  --missing-images=placeholder
                          write a marked placeholder for each image that cannot
                          be found, instead of stopping; the build warns until
                          each is replaced
  --dry-run               print what would be written, write nothing
  --force                 replace guides that were edited since they were imported
  --help                  show this help`;

export interface ImportIo {
	/** Where the command was run; post, --images and --out paths are relative to it. */
	cwd: string;
	/** The Stepcheck project, whose src/content/guides is the default --out. */
	projectRoot: string;
	log: (line: string) => void;
	error: (line: string) => void;
}

const POST_FILE = /\.(?:md|markdown)$/i;

function findPosts(path: string): string[] {
	if (statSync(path).isFile()) return [path];
	const found: string[] = [];
	for (const entry of readdirSync(path, { withFileTypes: true })) {
		const full = join(path, entry.name);
		if (entry.isDirectory()) found.push(...findPosts(full));
		// _index.md is a Hugo section list page, not a post.
		else if (POST_FILE.test(entry.name) && !/^_index\./i.test(entry.name)) found.push(full);
	}
	return found.sort();
}

/** The Hugo site a post belongs to: the folder holding `content/`, if the post is inside one. */
function hugoTree(file: string): { content: string; root: string } | null {
	const parts = resolve(file).split(sep);
	const at = parts.lastIndexOf('content');
	if (at <= 0) return null;
	const root = parts.slice(0, at).join(sep) || sep;
	return { content: join(root, 'content'), root };
}

function describePost(file: string, cwd: string, section: string | undefined): HugoPost {
	const absolute = resolve(cwd, file);
	const bundle = /^index\.(?:md|markdown)$/i.test(basename(absolute));
	const name = bundle ? basename(dirname(absolute)) : basename(absolute).replace(POST_FILE, '');
	const tree = hugoTree(absolute);
	const inContent = tree
		? relative(tree.content, bundle ? dirname(dirname(absolute)) : dirname(absolute))
				.split(sep)
				.join('/')
		: undefined;
	const contentPath = tree ? relative(tree.content, absolute).split(sep).join('/').replace(POST_FILE, '') : undefined;
	return {
		file: relative(cwd, absolute) || absolute,
		source: readFileSync(absolute, 'utf8'),
		section: section ?? (inContent !== undefined ? `/${inContent}${inContent ? '/' : ''}` : undefined),
		name,
		contentPath,
	};
}

export function runImport(argv: string[], io: ImportIo): number {
	let parsed;
	try {
		parsed = parseArgs({
			args: argv,
			allowPositionals: true,
			options: {
				section: { type: 'string' },
				images: { type: 'string' },
				'date-order': { type: 'string' },
				tags: { type: 'string' },
				topic: { type: 'string' },
				out: { type: 'string' },
				'dry-run': { type: 'boolean', default: false },
				force: { type: 'boolean', default: false },
				slug: { type: 'string' },
				'missing-images': { type: 'string' },
				help: { type: 'boolean', default: false },
			},
		});
	} catch (error) {
		io.error(`${(error as Error).message}\n\n${USAGE}`);
		return 2;
	}
	const { values, positionals } = parsed;
	if (values.help) {
		io.log(USAGE);
		return 0;
	}
	if (positionals.length === 0) {
		io.error(`Say which Hugo post or folder to import.\n\n${USAGE}`);
		return 2;
	}
	const dateOrder = values['date-order'];
	if (dateOrder !== undefined && dateOrder !== 'mdy' && dateOrder !== 'dmy') {
		io.error(`--date-order is "${dateOrder}"; use mdy (09-12-2019 is 12 September) or dmy (09-12-2019 is 9 December).`);
		return 2;
	}
	if (values.section !== undefined && !values.section.startsWith('/')) {
		io.error(`--section is "${values.section}"; give the old folder from the site root, such as /blog/2019/.`);
		return 2;
	}
	if (values.topic !== undefined && !TOPIC_IDS.includes(values.topic)) {
		io.error(
			`--topic is "${values.topic}", which is not a topic of src/site.config.mjs. Use one of: ${TOPIC_IDS.join(', ')}, or add it there first.`,
		);
		return 2;
	}
	const tags = values.tags
		?.split(',')
		.map((tag) => tag.trim())
		.filter(Boolean);
	const badTag = tags?.find((tag) => tagSlug(tag) !== tag);
	if (values.tags !== undefined && (!tags?.length || badTag !== undefined)) {
		io.error(
			`--tags is "${values.tags}"; give tags as lower-case words joined by dashes, separated by commas, such as --tags aws,iam-users${badTag ? ` ("${badTag}" would be "${tagSlug(badTag)}")` : ''}.`,
		);
		return 2;
	}
	const missingImages = values['missing-images'];
	if (missingImages !== undefined && missingImages !== 'placeholder' && missingImages !== 'stop') {
		io.error(`--missing-images is "${missingImages}"; use placeholder (write a marked placeholder and go on) or stop (the default).`);
		return 2;
	}
	if (values.slug !== undefined && tagSlug(values.slug) !== values.slug) {
		io.error(
			`--slug is "${values.slug}"; give lower-case words joined by dashes, such as --slug ${tagSlug(values.slug) || 'turn-on-mfa'}.`,
		);
		return 2;
	}
	const imagesDir = values.images ? resolve(io.cwd, values.images) : undefined;
	if (imagesDir && !existsSync(imagesDir)) {
		io.error(`--images folder ${values.images} does not exist.`);
		return 2;
	}

	const files: string[] = [];
	for (const target of positionals) {
		const absolute = resolve(io.cwd, target);
		if (!existsSync(absolute)) {
			io.error(`${target} does not exist. Give a Hugo post (.md) or a folder of posts.`);
			return 2;
		}
		files.push(...findPosts(absolute));
	}
	if (!files.length) {
		io.error(`No Hugo posts (.md) found in ${positionals.join(', ')}.`);
		return 2;
	}

	if (values.slug !== undefined && files.length > 1) {
		io.error(
			`--slug names one guide, but ${files.length} posts were found. Import that post on its own, or set slug: in each post's front matter.`,
		);
		return 2;
	}
	const posts = files.map((file) => describePost(relative(io.cwd, file), io.cwd, values.section));
	const out = values.out ?? (relative(io.cwd, join(io.projectRoot, 'src/content/guides')) || '.');
	const outAbsolute = resolve(io.cwd, out);
	const fileAccess: ImportFiles = {
		findImage: (post, urlPath, legacyUrl) => {
			const postDir = dirname(resolve(io.cwd, post.file));
			const tree = hugoTree(resolve(io.cwd, post.file));
			const fromRoot = urlPath.startsWith('/')
				? urlPath.slice(1)
				: legacyUrl
					? `${legacyUrl.slice(1)}${urlPath.replace(/^\.\//, '')}`
					: null;
			// Each candidate stays inside its own root: the post's folder, --images, or static/.
			const candidates: [root: string, path: string][] = [
				...(!urlPath.startsWith('/') ? [[postDir, urlPath] as [string, string]] : []),
				...(imagesDir && fromRoot ? [[imagesDir, fromRoot] as [string, string]] : []),
				...(imagesDir ? [[imagesDir, basename(urlPath)] as [string, string]] : []),
				...(tree && fromRoot ? [[join(tree.root, 'static'), fromRoot] as [string, string]] : []),
			];
			for (const [root, path] of candidates) {
				const found = fileInside(root, path);
				if (found) return found;
			}
			return null;
		},
		read: (path) => {
			const absolute = resolve(io.cwd, path);
			return existsSync(absolute) ? readFileSync(absolute, 'utf8') : null;
		},
		existingGuides: () =>
			(existsSync(outAbsolute) ? readdirSync(outAbsolute, { withFileTypes: true }) : []).flatMap((entry) => {
				const file = join(outAbsolute, entry.name, 'index.mdx');
				return entry.isDirectory() && existsSync(file)
					? [{ id: entry.name, file: relative(io.cwd, file), source: readFileSync(file, 'utf8') }]
					: [];
			}),
	};

	const plan = planImport(
		posts,
		{
			out,
			dateOrder,
			force: values.force,
			tags,
			topic: values.topic,
			defaults: IMPORT_DEFAULTS,
			slug: values.slug,
			missingImages: missingImages === 'placeholder' ? 'placeholder' : 'stop',
		},
		fileAccess,
	);
	const plural = (count: number, word: string, many = `${word}s`) => `${count} ${count === 1 ? word : many}`;
	if (plan.refused.length) {
		io.error(
			`${plan.guides.length ? `Refused ${plural(plan.refused.length, 'post')}` : 'Nothing was written'}: ${plural(
				plan.refused.reduce((n, r) => n + r.problems.length, 0),
				'problem',
			)} to fix first${plan.guides.length ? '; nothing of these posts is written, the others are' : ''}.\n`,
		);
		for (const { problems } of plan.refused) for (const problem of problems) io.error(problem);
		if (!plan.guides.length) return 1;
	}

	let imagesCopied = 0;
	let aliases = 0;
	const warnings: string[] = [];
	const dryRun = values['dry-run'];
	plan.guides.forEach((guide, index) => {
		const verb = dryRun ? 'would write' : guide.replaces ? 'replaced' : 'wrote';
		io.log(
			`[${index + 1}/${plan.guides.length}] ${guide.post.file} → ${verb} ${guide.folder}/index.mdx (${guide.images.length} image${guide.images.length === 1 ? '' : 's'}, ${guide.aliases} alias${guide.aliases === 1 ? '' : 'es'}${guide.warnings.length ? `, ${guide.warnings.length} warning${guide.warnings.length === 1 ? '' : 's'}` : ''})`,
		);
		for (const line of guide.inferred) io.log(`    ${line}`);
		if (dryRun) {
			for (const image of guide.images) {
				io.log(
					image.from
						? `    would copy ${relative(io.cwd, image.from)} → ${guide.folder}/${image.to}`
						: `    would write a placeholder → ${guide.folder}/${image.to}`,
				);
			}
			io.log(guide.mdx.replace(/^/gm, '    | '));
		} else {
			const folder = resolve(outAbsolute, guide.id);
			mkdirSync(folder, { recursive: true });
			for (const image of guide.images) copyFileSync(image.from ?? PLACEHOLDER_IMAGE, join(folder, image.to));
			writeFileSync(join(folder, 'index.mdx'), guide.mdx);
			writeFileSync(join(folder, IMPORT_RECORD), guide.record);
		}
		imagesCopied += guide.images.length;
		aliases += guide.aliases;
		warnings.push(...guide.warnings);
	});
	for (const warning of warnings) io.log(`warning: ${warning}`);
	if (posts.length > 1) io.log(importReport(posts, plan));
	io.log(
		`${dryRun ? 'Dry run, nothing written: would import' : 'Imported'} ${plan.guides.length} post${plan.guides.length === 1 ? '' : 's'}, ` +
			`${dryRun ? 'would copy' : 'copied'} ${imagesCopied} image${imagesCopied === 1 ? '' : 's'}, recorded ${aliases} alias${aliases === 1 ? '' : 'es'}, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}` +
			`${plan.refused.length ? `; refused ${plural(plan.refused.length, 'post')} (listed above)` : ''}.`,
	);
	return plan.refused.length ? 1 : 0;
}
