import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { cachedBundle, type BundleResult } from './companion-cache.ts';
import { bundledPackages, noticesComment } from './companion-notices.ts';
import { COMPANION_FILE_NAME, companionSettingsFromEnv, type CompanionSettings } from '../companion/settings.ts';

/**
 * Bundles `src/companion/main.ts` (the real check modules, guard and endpoint handler, and the
 * AWS SDK) into one file that runs on Node 22 or newer (the maintained lines) with no `node_modules`. The build
 * serves it at `/companion/<name>` and the island shows its SHA-256 beside the command.
 */
const ENTRY = fileURLToPath(new URL('../companion/main.ts', import.meta.url));
const VIRTUAL_ID = 'virtual:stepcheck/companion';
const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * Packages the companion must never carry: the optional policy evaluator is AGPL-licensed, and
 * only a site owner's own server may load it (`loadPolicyEvaluator`). Kept external so that
 * even a literal import would not pull it in; a test reads the metafile.
 */
const NEVER_BUNDLED = ['@cloud-copilot/*'];

export type CompanionBundle = BundleResult;

export async function bundleCompanion(settings: CompanionSettings): Promise<CompanionBundle> {
	// Loaded here, not with the Astro config, so `astro dev` and `astro check` never pay for it.
	const { build, stop } = await import('esbuild');
	// esbuild answers from a service process (about 100 MB) that lives until it is stopped; the
	// build would otherwise carry it to the end, beside its own memory peak.
	const result = await build({
		entryPoints: [ENTRY],
		bundle: true,
		platform: 'node',
		target: 'node22',
		format: 'esm',
		// The packages' ES modules, which esbuild can tree-shake, before their CommonJS builds.
		mainFields: ['module', 'main'],
		minify: true,
		write: false,
		legalComments: 'eof',
		external: NEVER_BUNDLED,
		define: { __STEPCHECK_COMPANION__: JSON.stringify(settings) },
		// Some SDK dependencies still call require() for Node built-ins.
		banner: {
			js: "import { createRequire as __stepcheckRequire } from 'node:module'; const require = __stepcheckRequire(import.meta.url);",
		},
		logLevel: 'silent',
		metafile: true,
	}).finally(() => stop());
	const inputs = Object.keys(result.metafile.inputs)
		.filter((input) => !input.startsWith('<'))
		.map((input) => resolve(input));
	const code = Buffer.concat([result.outputFiles[0]!.contents, Buffer.from(noticesComment(bundledPackages(inputs)))]);
	// Virtual inputs (`<define:…>`) are covered by the settings in the cache key.
	return { code, sha256: createHash('sha256').update(code).digest('hex'), inputs };
}

/** What the cached bundle depends on besides the files esbuild reads: the settings, this file (the plugins), the notices, the lockfile. */
function bundleKey(settings: CompanionSettings): string {
	const hash = createHash('sha256')
		.update(JSON.stringify(settings))
		.update(readFileSync(new URL(import.meta.url)))
		.update(readFileSync(new URL('./companion-notices.ts', import.meta.url)));
	const lockfile = new URL('../../package-lock.json', import.meta.url);
	if (existsSync(lockfile)) hash.update(readFileSync(lockfile));
	return hash.digest('hex');
}

/** What pages know about the file; `sha256` is null outside a build (`astro dev`). */
interface CompanionInfo {
	fileName: string;
	sha256: string | null;
	port: number;
}

export function companionFile(): AstroIntegration {
	let pending: Promise<{ code: Uint8Array; sha256: string; reused: boolean }> | null = null;
	let settings: CompanionSettings;
	return {
		name: 'stepcheck:companion-file',
		hooks: {
			'astro:config:setup': ({ command, config, updateConfig }) => {
				settings = companionSettingsFromEnv(process.env, config.site, VERSION);
				// Bundled while Astro renders the pages; the pages wait for its hash only when they need it.
				if (command === 'build')
					pending = cachedBundle(join(fileURLToPath(config.cacheDir), 'companion'), bundleKey(settings), () => bundleCompanion(settings));
				updateConfig({
					vite: {
						plugins: [
							{
								name: 'stepcheck:companion-info',
								resolveId: (id: string) => (id === VIRTUAL_ID ? `\0${VIRTUAL_ID}` : undefined),
								load: async (id: string) => {
									if (id !== `\0${VIRTUAL_ID}`) return undefined;
									const info: CompanionInfo = {
										fileName: COMPANION_FILE_NAME,
										sha256: pending ? (await pending).sha256 : null,
										port: settings.port,
									};
									return `export default ${JSON.stringify(info)};`;
								},
							},
						],
					},
				});
			},
			'astro:build:done': async ({ dir, logger }) => {
				if (!pending) return;
				const bundle = await pending;
				const file = join(fileURLToPath(dir), 'companion', COMPANION_FILE_NAME);
				mkdirSync(dirname(file), { recursive: true });
				writeFileSync(file, bundle.code);
				logger.info(
					`companion/${COMPANION_FILE_NAME}: ${(bundle.code.byteLength / 1e6).toFixed(2)} MB${bundle.reused ? ' (unchanged, from the cache)' : ''}, SHA-256 ${bundle.sha256}`,
				);
			},
		},
	};
}
