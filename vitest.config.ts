import { defineConfig } from 'vitest/config';

/**
 * One runner, four layers. Unit tests are pure functions on plain objects; integration
 * tests talk to moto_server or a fake AWS over HTTP; build tests read a real `astro build`;
 * e2e tests drive Debian's Chromium against that build served by the real server.
 */
export default defineConfig({
	test: {
		projects: [
			{
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.ts'],
					environment: 'node',
				},
			},
			{
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					globalSetup: ['tests/support/global-python-tools.ts'],
					testTimeout: 30_000,
					hookTimeout: 30_000,
				},
			},
			{
				test: {
					name: 'build',
					include: ['tests/build/**/*.test.ts'],
					globalSetup: ['tests/support/global-build.ts', 'tests/support/global-base-build.ts'],
					testTimeout: 60_000,
					hookTimeout: 600_000,
				},
			},
			{
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					globalSetup: [
						'tests/support/global-python-tools.ts',
						'tests/support/global-build.ts',
						'tests/support/global-base-build.ts',
						'tests/support/global-browser.ts',
						'tests/support/global-search-site.ts',
					],
					testTimeout: 60_000,
					hookTimeout: 600_000,
					// One Chromium at a time keeps a 2-core machine responsive.
					fileParallelism: false,
				},
			},
		],
	},
});
