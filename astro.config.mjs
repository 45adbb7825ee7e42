// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { satteri } from '@astrojs/markdown-satteri';
import node from '@astrojs/node';
import sitemap from '@astrojs/sitemap';
// Every relative import below (and in the files they import) names its extension: then Node
// loads this config itself, and Astro does not start a Vite server just to read it (about half
// a second of every build here). tests/unit/astro-config.test.ts keeps it so.
import { siteConfig } from './src/site.config.mjs';
import { isLegacyOrInternalUrl, legacyRedirects } from './src/integrations/legacy-redirects.ts';
import { pagefindDevIndex } from './src/lib/search/dev-index.ts';
import { pagefindIndex } from './src/integrations/pagefind-index.ts';
import { screenshotFiles } from './src/integrations/screenshot-files.ts';
import { guideHtmlFiles } from './src/integrations/guide-html-files.ts';
import { serverOnlyPackages } from './src/integrations/server-only-packages.ts';
import { zodWithoutEval } from './src/integrations/zod-without-eval.ts';
import { companionFile } from './src/integrations/companion-file.ts';
import { ENCODER_SETTINGS } from './src/lib/images/encoder-settings.ts';
import { COMPONENT_ELEMENTS } from './src/lib/content/component-elements.ts';
import { onBundlerWarning } from './src/lib/site/bundler-warnings.ts';
import { safeContentPlugin } from './src/lib/content/safe-content-plugin.ts';
import { cachedHighlightPlugin } from './src/lib/content/highlight-cache.ts';
import { pageCsp } from './src/lib/http/page-csp.ts';
import { cacheFolder, outFolder } from './src/lib/site/build-folders.ts';

// Astro lets a process environment variable override `import.meta.env.BASE_URL` in server
// code, so a stray BASE_URL in the environment (vitest sets one, so do some CI systems) would
// silently take every link off the base path. The base comes from STEPCHECK_BASE_PATH only.
delete process.env.BASE_URL;

// A build of other content (STEPCHECK_CONTENT_DIR) keeps its content store apart, so it
// never leaves its guides in the store the real build and `astro dev` read; the bench
// gives each variant its own cache so cold and warm builds mean what they say.
const cacheDir = cacheFolder();

export default defineConfig({
	site: siteConfig.url,
	// Deploying under a folder (https://example.org/security/) sets this to "/security".
	base: process.env.STEPCHECK_BASE_PATH || undefined,
	// Every page is prerendered; only routes that opt out with `prerender = false`
	// (the live AWS check) run on demand in the Node server.
	output: 'static',
	adapter: node({ mode: 'standalone' }),
	// Bench and tests build into their own folders so parallel runs never clobber `dist/`.
	outDir: outFolder(),
	cacheDir,
	trailingSlash: 'ignore',
	build: {
		format: 'directory',
		// The stylesheet (about 3.5 kB compressed) goes into each page: a render-blocking request
		// less costs a phone on a slow network a round trip before the first paint (Lighthouse
		// FCP/LCP), and weighs less than the round trip it saves.
		inlineStylesheets: 'always',
	},
	// Every page carries a CSP with the hashes of its own scripts and styles (src/lib/http/page-csp.ts).
	security: { csp: pageCsp(siteConfig.search.sites.map((/** @type {{ url: string }} */ site) => new URL(site.url).origin)) },
	vite: {
		plugins: [serverOnlyPackages(), zodWithoutEval()],
		// One warning per guide about a directive Astro's MDX output carries and no author can change (reason in the module).
		build: { rolldownOptions: { onwarn: onBundlerWarning } },
	},
	// Code blocks are highlighted by the plugin below, through a cache (src/lib/content/highlight-cache.ts).
	markdown: { syntaxHighlight: false },
	integrations: [
		// Markup without components compiles to one HTML string instead of a call per element (a code
		// block is hundreds of highlighted spans): the same pages, and about 350 MB less memory for
		// bundling 200 code-heavy guides.
		// Every guide passes the content policy (src/lib/content/url-policy.ts): no script, no URL
		// scheme outside the allow-list. The validator refuses the same before this strips it.
		// Code blocks are highlighted first, as Astro's own highlighting would be, but read back from
		// the cache when the same block was highlighted before.
		mdx({
			optimize: { ignoreElementNames: [...COMPONENT_ELEMENTS] },
			processor: satteri({ hastPlugins: [cachedHighlightPlugin(`${cacheDir}/highlighted`), safeContentPlugin] }),
		}),
		// Each guide's static HTML in a file the build reads back, not in the bundle.
		guideHtmlFiles(),
		// The AVIF and WebP files of every screenshot (in `astro dev` the image service below makes them).
		// Before the legacy redirects, which remove the JSON endpoint naming the old images' targets.
		screenshotFiles(),
		pagefindDevIndex(),
		// The live-check companion for readers of the static site (`/companion/stepcheck-companion.mjs`).
		companionFile(),
		// Before the sitemap: it records the old URLs the sitemap filter leaves out.
		legacyRedirects(),
		sitemap({
			// Legacy-URL stubs, the 404 page and the search page are not content.
			filter: (page) => !page.endsWith('/404/') && !page.endsWith('/search/') && !isLegacyOrInternalUrl(page),
		}),
		// Indexes the pages as the build generated them (from astro:build:generated, beside the hooks after it).
		pagefindIndex(),
	],
	image: {
		// Screenshots are PNG at up to 1440 px; widths, sizes and AVIF quality are chosen per
		// image in <Screenshot> (src/lib/images/screenshot-options.ts). A build encodes them in
		// src/integrations/screenshot-files.ts; `astro dev` through this service, with the same
		// settings (src/lib/images/encoder-settings.ts).
		service: {
			// The stock sharp service, but each screenshot is decoded once rather than once per output file.
			entrypoint: './src/lib/images/decode-once-service.ts',
			config: ENCODER_SETTINGS,
		},
	},
	server: { host: '127.0.0.1', port: 4321 },
	devToolbar: { enabled: false },
});
