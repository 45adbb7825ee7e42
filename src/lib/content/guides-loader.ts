import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { glob } from 'astro/loaders';
import type { Loader, LoaderContext } from 'astro/loaders';
import { authorError } from '../site/author-error';
import { frontMatterProblems } from './front-matter-problems';
import { countSteps, formatProblems, type GuideProblem } from './guide-content-checks';
import { markInvalid, problemsOf, withoutMark } from './invalid-guides';
import { placeholdersIn } from '../import/placeholder-images';
import { lintGuideSource } from './lint';
import { lintRemembered, rememberedClean } from './lint-cache';
import { parseMdx } from './parse-mdx';
import { keepRenderOf, partialGuides } from './partial-build';
import { staleReviewWarning } from './review';
// The rules' own source: a clean result from older rules is not reused.
import lintRulesSource from './lint.ts?raw';
import contentChecksSource from './guide-content-checks.ts?raw';
import commandRulesSource from './guide-commands.ts?raw';
import walkSource from './mdast-walk.ts?raw';
import schemaSource from './schema.ts?raw';

const LINT_RULES = createHash('sha256')
	.update(lintRulesSource)
	.update(contentChecksSource)
	.update(commandRulesSource)
	.update(walkSource)
	.digest('hex')
	.slice(0, 16);

/** What a refused guide's digest carries in `astro dev`, so its file is read again at the next start. */
/**
 * The front-matter schema's own source. The glob loader skips a file whose contents have not
 * changed, so a guide stored under an older schema would keep data the new one would give it
 * (a new field's default): the store is emptied once when the schema changes.
 */
const SCHEMA = createHash('sha256').update(schemaSource).digest('hex').slice(0, 16);

const REFUSED = ':refused:';

function stepsOf(source: string): number {
	try {
		return countSteps(parseMdx(source));
	} catch {
		// The lint reports the syntax error with its line.
		return 0;
	}
}

/** How Astro reads a content file (the MDX integration's); the glob loader receives these beside the public context. */
interface EntryType {
	getEntryInfo(params: {
		contents: string;
		fileUrl: URL;
	}): Promise<{ data: Record<string, unknown>; body: string; slug: string; rawData: string }>;
}
type GlobContext = LoaderContext & { entryTypes: Map<string, EntryType> };
type Listener = (path: string) => Promise<void> | void;

const plural = (count: number) => `${count} problem${count === 1 ? '' : 's'}`;

/**
 * The glob loader over `<base>/<slug>/index.mdx`, followed by the content validator on every
 * guide (lint.ts), so a guide the tests would refuse stops `astro build` with its file, line
 * and fix. Under `astro dev` (when the loader is given a watcher) a refused guide stops nothing:
 * it is stored marked with its problems, which its page throws (invalid-guides.ts), and every
 * save of a guide validates again. Guides that linted clean and have not changed since are not
 * parsed again; their step counts, which links from other guides are checked against, come from
 * the same memory. A guide whose `reviewed` day is over 180 days old gets a warning, not an error.
 */
export function guidesLoader(base: string): Loader {
	const inner = glob({
		pattern: '**/index.mdx',
		base,
		generateId: ({ entry }) => entry.replace(/\/?index\.mdx$/, ''),
	});
	return {
		name: 'stepcheck-guides',
		load: async (loaderContext) => {
			const context = loaderContext as GlobContext;
			const { store, watcher, logger } = context;
			if (context.meta.get('schema') !== SCHEMA) {
				store.clear();
				context.meta.set('schema', SCHEMA);
			}
			// Front-matter problems found while the glob loader read each file, by absolute path.
			const frontMatter = new Map<string, GuideProblem[]>();
			// Files whose YAML does not parse: their body is checked once the front matter (which declares its placeholders) reads.
			const unparsed = new Set<string>();
			const refuseFrontMatter = (file: string, source: string, error: unknown) => {
				const problems = frontMatterProblems(source);
				frontMatter.set(file, problems.length ? problems : [{ line: 1, message: String((error as Error).message) }]);
			};
			const entryTypes = new Map(
				[...context.entryTypes].map(([extension, type]): [string, EntryType] => [
					extension,
					{
						...type,
						getEntryInfo: async (params) => {
							const file = fileURLToPath(params.fileUrl);
							frontMatter.delete(file);
							unparsed.delete(file);
							try {
								// Without the source: nothing reads it from the store, which the build bundles whole
								// (1,000 code-heavy guides' sources were 18 MB of it). Reading time comes from the file.
								return { ...(await type.getEntryInfo(params)), body: '' };
							} catch (error) {
								// Unparsable YAML: Astro's own message counts lines from inside the front matter.
								refuseFrontMatter(file, params.contents, error);
								unparsed.add(file);
								return { data: {}, body: params.contents, slug: '', rawData: '' };
							}
						},
					},
				]),
			);
			const parseData: LoaderContext['parseData'] = async (props) => {
				const file = props.filePath && resolve(props.filePath);
				if (file && frontMatter.has(file)) return props.data;
				try {
					return await context.parseData(props);
				} catch (error) {
					// A build keeps Astro's schema report; `astro dev` keeps the guide, marked, so its page can show why.
					if (!watcher || !file) throw error;
					refuseFrontMatter(file, readFileSync(file, 'utf8'), error);
					return props.data;
				}
			};

			const validate = async () => {
				const guides = [...store.values()].flatMap((entry) => {
					if (!entry.filePath) return [];
					const file = resolve(entry.filePath);
					const digest = entry.digest === undefined ? undefined : String(entry.digest).split(REFUSED)[0];
					const source = () => readFileSync(file, 'utf8');
					const remembered = rememberedClean({ id: entry.id, digest, rules: LINT_RULES }, context.meta);
					return [{ entry, path: entry.filePath, file, digest, source, steps: remembered?.steps ?? stepsOf(source()) }];
				});
				const steps = new Map(guides.map((guide) => [guide.entry.id, guide.steps]));
				const report: string[] = [];
				let count = 0;
				for (const { entry, path, file, digest, source, steps: own } of guides) {
					const folder = dirname(file);
					const lint = unparsed.has(file)
						? []
						: await lintRemembered(
								{
									id: entry.id,
									digest,
									rules: LINT_RULES,
									readSource: source,
									imageExists: (path) => existsSync(join(folder, path)),
									guideSteps: (id) => steps.get(id),
									lint: lintGuideSource,
								},
								context.meta,
								own,
							);
					const problems = [...(frontMatter.get(file) ?? []), ...lint].sort((a, b) => a.line - b.line);
					if (problems.length) {
						count += problems.length;
						report.push(formatProblems(path, problems));
					}
					if (watcher) markStored(entry, path, digest, problems);
					const placeholders = placeholdersIn(folder);
					if (placeholders.length) {
						logger.warn(
							`${path}: ${placeholders.length} image${placeholders.length === 1 ? ' is' : 's are'} still the import's placeholder for a missing screenshot: ${placeholders.join(', ')}. Replace each with the real screenshot (same file name).`,
						);
					}
					const reviewed = (entry.data as { reviewed?: unknown }).reviewed;
					const warning = staleReviewWarning(path, reviewed instanceof Date ? reviewed : undefined, new Date());
					if (warning) logger.warn(warning);
				}
				return { count, report: report.join('\n') };
			};

			const markStored = (
				entry: ReturnType<typeof store.values>[number],
				file: string,
				digest: string | undefined,
				problems: GuideProblem[],
			) => {
				const data = withoutMark(entry.data);
				if (problems.length) {
					const mark = createHash('sha256').update(JSON.stringify(problems)).digest('hex').slice(0, 12);
					store.set({ ...entry, data: markInvalid(data, { file, problems }), digest: `${digest}${REFUSED}${mark}` });
				} else if (problemsOf(entry.data)) {
					store.set({ ...entry, data, digest });
				}
			};

			// Under `astro dev`, each change the glob loader stores is validated again once it is stored.
			const listeners: [string, Listener][] = [];
			const innerWatcher = watcher && {
				add: (path: string) => watcher.add(path),
				on(event: string, listener: Listener) {
					listeners.push([event, listener]);
					return innerWatcher;
				},
			};
			const innerContext: GlobContext = { ...context, entryTypes, parseData, watcher: innerWatcher as typeof watcher };
			await inner.load(innerContext);
			const first = await validate();
			const report = ({ count, report }: { count: number; report: string }) =>
				`Stepcheck found ${plural(count)} in guide content:\n${report}`;
			if (first.count && !watcher) {
				throw authorError(report(first), 'Fix each line named above. docs/build-errors.md explains each message.');
			}
			if (!watcher) {
				keepRenderOf(store, partialGuides());
				return;
			}
			if (first.count) logger.error(`${report(first)}\nEach refused guide's page shows its problems until they are fixed.`);
			const folder = resolve(base);
			let queue = Promise.resolve();
			for (const [event, listener] of listeners) {
				watcher.on(event, (path: string) => {
					if (!resolve(path).startsWith(folder)) return;
					queue = queue
						.then(async () => {
							await listener(path);
							const found = await validate();
							if (found.count) logger.error(report(found));
						})
						.catch((error: unknown) => logger.error(`Could not validate ${path} again: ${(error as Error).message}`));
				});
			}
		},
	};
}
