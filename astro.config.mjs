// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import sitemap from '@astrojs/sitemap';
import { siteConfig } from './src/site.config.mjs';

export default defineConfig({
	site: siteConfig.url,
	// Every page is prerendered; only routes that opt out with `prerender = false`
	// (the live AWS check) run on demand in the Node server.
	output: 'static',
	adapter: node({ mode: 'standalone' }),
	// Bench and tests build into their own folders so parallel runs never clobber `dist/`.
	outDir: process.env.STEPCHECK_OUT_DIR || './dist',
	// The bench gives each build variant its own cache so cold and warm builds mean what they say.
	cacheDir: process.env.STEPCHECK_CACHE_DIR || './node_modules/.astro',
	trailingSlash: 'ignore',
	build: { format: 'directory' },
	integrations: [
		mdx(),
		sitemap({
			// Legacy-URL stubs and the 404 page are not content.
			filter: (page) => !page.endsWith('/404/'),
		}),
	],
	image: {
		// Screenshots are PNG at up to 1440 px; responsive widths are chosen per image in <Screenshot>.
		service: { entrypoint: 'astro/assets/services/sharp' },
	},
	server: { host: '127.0.0.1', port: 4321 },
	devToolbar: { enabled: false },
});
