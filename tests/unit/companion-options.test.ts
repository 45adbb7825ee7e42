import { describe, expect, it } from 'vitest';
import { parseCompanionArgs, usage } from '../../src/companion/options';
import { companionSettingsFromEnv, DEFAULT_COMPANION_PORT } from '../../src/companion/settings';

const DEFAULTS = { siteOrigin: 'https://stepcheck.dev', extraOrigins: ['https://mirror.example'], port: 4319, version: '1.0.0' };

describe('parseCompanionArgs', () => {
	it('answers the site and the build-time origins on the default port without flags', () => {
		expect(parseCompanionArgs([], DEFAULTS)).toEqual({
			ok: true,
			options: { port: 4319, origins: ['https://stepcheck.dev', 'https://mirror.example'] },
		});
	});

	it('takes --port and repeated --allow-origin, in both spellings, normalizing the origin', () => {
		expect(
			parseCompanionArgs(
				['--port', '5000', '--allow-origin=https://Preview.Example:8443', '--allow-origin', 'http://localhost:4321'],
				DEFAULTS,
			),
		).toEqual({
			ok: true,
			options: {
				port: 5000,
				origins: ['https://stepcheck.dev', 'https://mirror.example', 'https://preview.example:8443', 'http://localhost:4321'],
			},
		});
	});

	it.each([
		[['--port', '80'], '--port needs a number from 1024 to 65535, got "80"'],
		[['--port'], '--port needs a number from 1024 to 65535, got ""'],
		[['--allow-origin', 'https://x.example/path'], '--allow-origin needs an origin such as https://preview.example.org'],
		[['--allow-origin', 'file:///etc'], '--allow-origin needs an origin'],
		[['--verbose'], 'Unknown argument "--verbose"'],
	])('refuses %j with a message that names the flag', (argv, message) => {
		const parsed = parseCompanionArgs(argv, DEFAULTS);
		expect(parsed.ok).toBe(false);
		expect(!parsed.ok && parsed.error).toContain(message);
	});

	it('shows help, which names the origins it answers, its port and the Node it needs', () => {
		expect(parseCompanionArgs(['--help'], DEFAULTS)).toEqual({ ok: true, help: true });
		const help = usage(DEFAULTS);
		expect(help).toContain(`Answers pages from: ${[DEFAULTS.siteOrigin, ...DEFAULTS.extraOrigins].join(', ')}`);
		expect(help).toContain(`Listens on: http://127.0.0.1:${DEFAULTS.port}`);
		expect(help).toContain('Node.js 22 or newer');
	});
});

describe('companionSettingsFromEnv (the author settings, read at build time)', () => {
	it('takes the origin from site, the port and extra origins from the environment', () => {
		expect(companionSettingsFromEnv({}, 'https://guides.example.org/security/', '2.0.0')).toEqual({
			siteOrigin: 'https://guides.example.org',
			extraOrigins: [],
			port: DEFAULT_COMPANION_PORT,
			version: '2.0.0',
		});
		expect(
			companionSettingsFromEnv(
				{ STEPCHECK_COMPANION_PORT: '5123', STEPCHECK_COMPANION_ORIGINS: 'https://a.example, https://b.example:8443' },
				'https://x.example',
				'1',
			),
		).toMatchObject({ port: 5123, extraOrigins: ['https://a.example', 'https://b.example:8443'] });
	});

	it('stops the build on a bad value, naming the variable', () => {
		expect(() => companionSettingsFromEnv({ STEPCHECK_COMPANION_PORT: 'abc' }, 'https://x.example', '1')).toThrow(
			'STEPCHECK_COMPANION_PORT is "abc"',
		);
		expect(() => companionSettingsFromEnv({ STEPCHECK_COMPANION_ORIGINS: 'preview' }, 'https://x.example', '1')).toThrow(
			'STEPCHECK_COMPANION_ORIGINS has "preview"',
		);
		expect(() => companionSettingsFromEnv({}, undefined, '1')).toThrow('set "site" in astro.config.mjs');
	});
});
