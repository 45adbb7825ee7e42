import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, IntegrationResolvedRoute } from 'astro';
import { canonicalOldPath } from '../lib/redirects/old-paths.ts';
import { authorError } from '../lib/site/author-error.ts';
import { joinBase, stripBase } from '../lib/site/base-path.ts';
import { buildRedirectMap, guideRedirectSourcesSchema, legacyRedirectsSchema, type SitePage } from '../lib/redirects/redirect-map.ts';
import {
	cloudflareLimitWarning,
	cloudFrontFunction,
	cloudFrontSizeProblem,
	netlifyRedirects,
	nginxRedirects,
	sharingTagsOf,
	stubFilePath,
	stubPage,
} from '../lib/redirects/host-rules.ts';
import { cloudFrontHeadersFunction, netlifyHeaders, nginxHeaders } from '../lib/redirects/host-headers.ts';
import {
	CLOUDFRONT_FUNCTION_FILE,
	CLOUDFRONT_HEADERS_FUNCTION_FILE,
	HOST_HEADERS_FILE,
	HOST_RULES_FILE,
	LEGACY_MAP_FILE,
	LEGACY_SOURCES_ROUTE,
	NGINX_RULES_FILE,
	SERVER_BASE_FILE,
	SERVER_MAP_FILE,
} from '../lib/redirects/build-files.ts';

/** Old paths of the last build, so the sitemap filter (which runs after this) can leave them out. */
const oldPaths = new Set<string>();
let siteBase = '/';

/** For the sitemap's `filter`: true for an old URL or the internal sources file. */
export function isLegacyOrInternalUrl(pageUrl: string): boolean {
	const path = new URL(pageUrl).pathname;
	const sources = joinBase(siteBase, LEGACY_SOURCES_ROUTE);
	if (path === sources || path === `${sources}/`) return true;
	const canonical = canonicalOldPath(path);
	return canonical !== null && oldPaths.has(canonical);
}

function relativeToRoot(root: URL, file: string): string {
	const rootPath = fileURLToPath(root);
	return file.startsWith(rootPath) ? file.slice(rootPath.length) : file;
}

/**
 * Turns guide aliases and the legacy map into every redirect output after the build:
 * stub pages and `_redirects` in the static output, and the map for the Node server and
 * the CloudFront Function beside it. A collision stops the build naming both files.
 */
export function legacyRedirects(): AstroIntegration {
	let routes: IntegrationResolvedRoute[] = [];
	let root: URL;
	let outDir: URL;
	let clientDir: URL;
	let siteUrl = 'http://localhost/';
	return {
		name: 'stepcheck-legacy-redirects',
		hooks: {
			'astro:routes:resolved': ({ routes: resolved }) => {
				routes = resolved;
			},
			'astro:config:done': ({ config }) => {
				root = config.root;
				outDir = config.outDir;
				clientDir = config.build.client;
				siteUrl = config.site ?? siteUrl;
				siteBase = config.base;
			},
			'astro:build:done': async ({ pages, logger }) => {
				const sourcesFile = fileURLToPath(new URL(`.${LEGACY_SOURCES_ROUTE}`, clientDir));
				const sourcesParsed = guideRedirectSourcesSchema.safeParse(JSON.parse(await readFile(sourcesFile, 'utf8')));
				if (!sourcesParsed.success) {
					throw new Error(
						`The guides' redirect declarations (${LEGACY_SOURCES_ROUTE}) are not in the expected shape: ${sourcesParsed.error.message}`,
					);
				}
				await rm(sourcesFile);
				const guides = sourcesParsed.data.map((g) => ({ ...g, file: relativeToRoot(root, g.file) }));

				const legacyPath = fileURLToPath(new URL(LEGACY_MAP_FILE, root));
				const legacyParsed = legacyRedirectsSchema.safeParse(JSON.parse(await readFile(legacyPath, 'utf8')));
				if (!legacyParsed.success) {
					throw authorError(
						`${LEGACY_MAP_FILE} is not a valid legacy map: ${legacyParsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}.`,
						`Expected { "redirects": [{ "from": "/old-path", "to": "/new-path/" }] }. See docs/build-errors.md.`,
					);
				}

				const guideFiles = new Map(guides.map((g) => [g.target, g.file]));
				const sitePages: SitePage[] = pages
					.map(({ pathname }) => `/${pathname}`)
					.filter((path) => path !== LEGACY_SOURCES_ROUTE)
					.map((path) => {
						const normalized = path.endsWith('/') || /\.[a-z0-9]+$/i.test(path) ? path : `${path}/`;
						const route = routes.find((r) => r.patternRegex.test(path) || r.patternRegex.test(normalized));
						const served = joinBase(siteBase, normalized);
						return { path: served, file: guideFiles.get(served) ?? route?.entrypoint ?? 'a page of the build' };
					});

				const result = buildRedirectMap({
					guides,
					legacy: { file: LEGACY_MAP_FILE, redirects: legacyParsed.data.redirects },
					pages: sitePages,
					base: siteBase,
				});
				if (!result.ok) {
					throw authorError(
						`Stepcheck cannot build the redirects from old URLs (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}):\n` +
							result.problems.map((p) => `  - ${p}`).join('\n'),
						'Each old URL may lead to one page only: remove it from one of the two files named. The previous build is left as it was. See docs/build-errors.md.',
					);
				}
				const { map } = result;
				// Every host's rules are made before any is written, so a build that fails leaves none half written.
				const edgeFunction = cloudFrontFunction(map);
				const tooLarge = cloudFrontSizeProblem(edgeFunction, map.rules.length);
				if (tooLarge) {
					throw authorError(tooLarge, 'See docs/build-errors.md.');
				}
				let nginxRules: string;
				try {
					nginxRules = `${nginxHeaders()}${nginxRedirects(map)}`;
				} catch (error) {
					// An old URL with a character nginx cannot carry: the message names its file and the fix.
					throw authorError((error as Error).message, 'See docs/build-errors.md.');
				}
				oldPaths.clear();
				for (const rule of map.rules) oldPaths.add(rule.from);

				let stubs = 0;
				const sharingTags = new Map<string, string[]>();
				for (const rule of map.rules) {
					const file = stubFilePath(rule, siteBase);
					if (!file) continue;
					if (!sharingTags.has(rule.to)) {
						const target = stripBase(siteBase, rule.to);
						const targetFile = target && fileURLToPath(new URL(`.${target}${target.endsWith('/') ? 'index.html' : ''}`, clientDir));
						sharingTags.set(rule.to, targetFile && existsSync(targetFile) ? sharingTagsOf(await readFile(targetFile, 'utf8')) : []);
					}
					const stub = fileURLToPath(new URL(file, clientDir));
					await mkdir(dirname(stub), { recursive: true });
					await writeFile(stub, stubPage(rule, siteUrl, sharingTags.get(rule.to)));
					stubs++;
				}
				const hostRules = netlifyRedirects(map);
				const overCloudflare = cloudflareLimitWarning(hostRules);
				if (overCloudflare) logger.warn(overCloudflare);
				await writeFile(fileURLToPath(new URL(HOST_RULES_FILE, clientDir)), hostRules);
				const outPath = fileURLToPath(outDir);
				await writeFile(join(outPath, SERVER_MAP_FILE), `${JSON.stringify(map.lookup, null, '\t')}\n`);
				await writeFile(join(outPath, SERVER_BASE_FILE), `${siteBase}\n`);
				await writeFile(join(outPath, CLOUDFRONT_FUNCTION_FILE), edgeFunction);
				await writeFile(join(outPath, NGINX_RULES_FILE), nginxRules);
				await writeFile(fileURLToPath(new URL(HOST_HEADERS_FILE, clientDir)), netlifyHeaders());
				await writeFile(join(outPath, CLOUDFRONT_HEADERS_FUNCTION_FILE), cloudFrontHeadersFunction());
				logger.info(
					`${map.rules.length} old URLs redirect (${Object.keys(map.lookup).length} spellings); ${stubs} stub pages, ${HOST_RULES_FILE}, ${SERVER_MAP_FILE}, ${NGINX_RULES_FILE} and ${CLOUDFRONT_FUNCTION_FILE} written.`,
				);
			},
		},
	};
}
