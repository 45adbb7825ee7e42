import { describe, expect, it } from 'vitest';
import { guardConfigFromEnv, guardRequest, isLoopbackAddress, type GuardConfig, type GuardRequest } from '../../src/lib/http/request-guard';

const LOCAL = guardConfigFromEnv({ HOST: '127.0.0.1', PORT: '4321' });
/** `on` mode behind a proxy, with the operator's STEPCHECK_ALLOWED_HOSTS. */
const behindProxy = (allowedHosts: string) =>
	guardConfigFromEnv({ HOST: '0.0.0.0', PORT: '4321', STEPCHECK_LIVE_CHECKS: 'on', STEPCHECK_ALLOWED_HOSTS: allowedHosts });
const get = (overrides: Partial<GuardRequest> = {}): GuardRequest => ({
	method: 'GET',
	host: '127.0.0.1:4321',
	origin: null,
	secFetchSite: null,
	referer: null,
	...overrides,
});
const post = (overrides: Partial<GuardRequest> = {}) => get({ method: 'POST', ...overrides });

function expectDecision(request: GuardRequest, config: GuardConfig, expected: 'allowed' | number) {
	const decision = guardRequest(request, config);
	if (expected === 'allowed') expect(decision).toEqual({ allowed: true });
	else {
		expect(decision.allowed).toBe(false);
		expect(!decision.allowed && decision.status).toBe(expected);
		expect(!decision.allowed && decision.message.length).toBeGreaterThan(20);
	}
}

describe('guardRequest: loopback (local mode)', () => {
	it.each<[string, GuardRequest, GuardConfig, 'allowed' | number]>([
		['loopback GET', get(), LOCAL, 'allowed'],
		['localhost GET', get({ host: 'localhost:4321' }), LOCAL, 'allowed'],
		['IPv6 loopback GET', get({ host: '[::1]:4321' }), LOCAL, 'allowed'],
		['upper-case Host', get({ host: 'LOCALHOST:4321' }), LOCAL, 'allowed'],
		['DNS rebinding: foreign name on the right port', get({ host: 'attacker.example:4321' }), LOCAL, 403],
		['loopback name on another port', get({ host: '127.0.0.1:8080' }), LOCAL, 403],
		['loopback name without a port', get({ host: 'localhost' }), LOCAL, 403],
		['missing Host', get({ host: null }), LOCAL, 403],
		['Host with userinfo', get({ host: 'evil@localhost:4321' }), LOCAL, 403],
		['other loopback address as Host', get({ host: '127.0.0.2:4321' }), LOCAL, 403],
		['GET from another site', get({ secFetchSite: 'cross-site' }), LOCAL, 403],
		['GET with a foreign Origin', get({ origin: 'https://attacker.example' }), LOCAL, 403],
		['same-origin GET with Origin', get({ origin: 'http://127.0.0.1:4321', secFetchSite: 'same-origin' }), LOCAL, 'allowed'],
		['GET with an https Origin on the plain-HTTP loopback server', get({ origin: 'https://127.0.0.1:4321' }), LOCAL, 403],
		['GET without Origin or Sec-Fetch-Site, Referer from another site', get({ referer: 'https://attacker.example/page' }), LOCAL, 403],
		['GET without Origin or Sec-Fetch-Site, Referer of another port', get({ referer: 'http://127.0.0.1:8080/' }), LOCAL, 403],
		['GET without Origin or Sec-Fetch-Site, unreadable Referer', get({ referer: 'not a url' }), LOCAL, 403],
		['GET without Origin or Sec-Fetch-Site, own Referer', get({ referer: 'http://127.0.0.1:4321/guides/x/' }), LOCAL, 'allowed'],
		[
			'GET with Sec-Fetch-Site same-origin and a foreign Referer',
			get({ secFetchSite: 'same-origin', referer: 'https://a.example/' }),
			LOCAL,
			'allowed',
		],
		['GET with no Origin, Sec-Fetch-Site or Referer (curl)', get(), LOCAL, 'allowed'],
		['POST with same Origin', post({ origin: 'http://127.0.0.1:4321' }), LOCAL, 'allowed'],
		['POST with Sec-Fetch-Site same-origin only', post({ secFetchSite: 'same-origin' }), LOCAL, 'allowed'],
		['POST with a foreign Origin', post({ origin: 'http://attacker.example' }), LOCAL, 403],
		['POST from localhost page to 127.0.0.1 (different origin)', post({ origin: 'http://localhost:4321' }), LOCAL, 403],
		['POST without Origin', post(), LOCAL, 403],
		[
			'POST with Sec-Fetch-Site same-origin but a foreign Origin',
			post({ origin: 'http://evil.example', secFetchSite: 'same-origin' }),
			LOCAL,
			403,
		],
		['switched off', get(), { ...LOCAL, mode: 'off' }, 404],
		['local mode while listening on all interfaces', get(), { ...LOCAL, listenHost: '0.0.0.0' }, 404],
		['local mode, listen address unknown (astro dev)', get({ host: 'localhost:4322' }), guardConfigFromEnv({}), 'allowed'],
		[
			'local mode on port 80: a Host without a port is on port 80',
			get({ host: 'localhost' }),
			guardConfigFromEnv({ PORT: '80' }),
			'allowed',
		],
	])('%s', (_name, request, config, expected) => expectDecision(request, config, expected));
});

describe('guardRequest: behind a proxy (on mode)', () => {
	// A browser leaves the default port out of Host and Origin.
	it.each<[string, string, GuardRequest, 'allowed' | number]>([
		['an allowed name', 'stepcheck.corp.example', get({ host: 'stepcheck.corp.example' }), 'allowed'],
		[
			'an allowed name on any port when the entry names none',
			'stepcheck.corp.example',
			get({ host: 'stepcheck.corp.example:8443' }),
			'allowed',
		],
		['a name not allowed', 'stepcheck.corp.example', get({ host: 'other.corp.example' }), 403],
		['an entry with a port must match it', 'proxy.example:443', get({ host: 'proxy.example:8443' }), 403],
		['entry :443, Host without the default port', 'stepcheck.example:443', get({ host: 'stepcheck.example' }), 'allowed'],
		['entry :443, Host with it', 'stepcheck.example:443', get({ host: 'stepcheck.example:443' }), 'allowed'],
		[
			'entry :443, POST with an https Origin',
			'stepcheck.example:443',
			post({ host: 'stepcheck.example', origin: 'https://stepcheck.example' }),
			'allowed',
		],
		[
			'entry :443, POST with an explicit :443 Host and an https Origin',
			'stepcheck.example:443',
			post({ host: 'stepcheck.example:443', origin: 'https://stepcheck.example' }),
			'allowed',
		],
		[
			'entry :443 means https: an http Origin is another origin',
			'stepcheck.example:443',
			post({ host: 'stepcheck.example', origin: 'http://stepcheck.example' }),
			403,
		],
		['entry :80, Host without a port', 'stepcheck.example:80', get({ host: 'stepcheck.example' }), 'allowed'],
		[
			'entry :80 means http: an https Origin is another origin',
			'stepcheck.example:80',
			post({ host: 'stepcheck.example', origin: 'https://stepcheck.example' }),
			403,
		],
		['an https:// entry: Host without a port', 'https://stepcheck.example', get({ host: 'stepcheck.example' }), 'allowed'],
		['an https:// entry is port 443 unless it names one', 'https://stepcheck.example', get({ host: 'stepcheck.example:8443' }), 403],
		[
			'an https:// entry with a port',
			'https://stepcheck.example:8443',
			post({ host: 'stepcheck.example:8443', origin: 'https://stepcheck.example:8443' }),
			'allowed',
		],
		[
			'an https:// entry refuses an http Origin on the same port',
			'https://stepcheck.example:8443',
			post({ host: 'stepcheck.example:8443', origin: 'http://stepcheck.example:8443' }),
			403,
		],
		[
			'an http:// entry refuses an https Origin',
			'http://stepcheck.example',
			post({ host: 'stepcheck.example', origin: 'https://stepcheck.example' }),
			403,
		],
		[
			'an entry without scheme or port: either scheme',
			'stepcheck.corp.example',
			post({ host: 'stepcheck.corp.example', origin: 'https://stepcheck.corp.example' }),
			'allowed',
		],
		[
			'an Origin on another port than the Host',
			'stepcheck.corp.example',
			post({ host: 'stepcheck.corp.example', origin: 'https://stepcheck.corp.example:8443' }),
			403,
		],
		[
			'a Referer from another site, no Origin',
			'https://stepcheck.example',
			get({ host: 'stepcheck.example', referer: 'https://attacker.example/' }),
			403,
		],
		[
			'its own Referer',
			'https://stepcheck.example',
			get({ host: 'stepcheck.example', referer: 'https://stepcheck.example/check/' }),
			'allowed',
		],
		['loopback still answers', 'stepcheck.example', get({ host: '127.0.0.1:4321' }), 'allowed'],
	])('%s (STEPCHECK_ALLOWED_HOSTS=%s)', (_name, allowedHosts, request, expected) =>
		expectDecision(request, behindProxy(allowedHosts), expected),
	);
});

describe('guardConfigFromEnv', () => {
	it('defaults to local on the server address and port', () => {
		expect(guardConfigFromEnv({ HOST: '127.0.0.1', PORT: '4321' })).toMatchObject({
			mode: 'local',
			listenHost: '127.0.0.1',
			serverPort: 4321,
			allowedHosts: [],
		});
	});

	it('reads the switch and the allowed hosts', () => {
		expect(
			guardConfigFromEnv({ STEPCHECK_LIVE_CHECKS: 'ON', STEPCHECK_ALLOWED_HOSTS: ' a.example , B.example:8443 , https://c.example ,' }),
		).toMatchObject({
			mode: 'on',
			switchName: 'STEPCHECK_LIVE_CHECKS',
			listenHost: null,
			serverPort: null,
			allowedHosts: [
				{ scheme: null, name: 'a.example', port: null },
				{ scheme: null, name: 'b.example', port: 8443 },
				{ scheme: 'https', name: 'c.example', port: 443 },
			],
		});
	});

	it('reads the old name STEPCHECK_MFA_CHECK as an alias, and names it in its messages', () => {
		const config = guardConfigFromEnv({ STEPCHECK_MFA_CHECK: 'off' });
		expect(config).toMatchObject({ mode: 'off', switchName: 'STEPCHECK_MFA_CHECK' });
		const decision = guardRequest(get(), config);
		expect(!decision.allowed && decision.message).toContain('STEPCHECK_MFA_CHECK=off');
	});

	it('prefers STEPCHECK_LIVE_CHECKS, and refuses the two names set to different modes', () => {
		expect(guardConfigFromEnv({ STEPCHECK_LIVE_CHECKS: 'off', STEPCHECK_MFA_CHECK: 'OFF' }).mode).toBe('off');
		expect(() => guardConfigFromEnv({ STEPCHECK_LIVE_CHECKS: 'on', STEPCHECK_MFA_CHECK: 'off' })).toThrow(
			'STEPCHECK_LIVE_CHECKS is "on" but its old name STEPCHECK_MFA_CHECK is "off"',
		);
	});

	it('names the variable and the accepted values when the mode is unknown', () => {
		expect(() => guardConfigFromEnv({ STEPCHECK_LIVE_CHECKS: 'yes' })).toThrow('STEPCHECK_LIVE_CHECKS is "yes", expected off, local or on');
		expect(() => guardConfigFromEnv({ STEPCHECK_MFA_CHECK: 'yes' })).toThrow('STEPCHECK_MFA_CHECK is "yes", expected off, local or on');
	});

	it.each(['ftp://a.example', 'a.example/path', 'user@a.example', 'a.example:99999', 'a example'])(
		'refuses the allowed host "%s" with the form it expects',
		(entry) => {
			expect(() => guardConfigFromEnv({ STEPCHECK_ALLOWED_HOSTS: entry })).toThrow(
				`STEPCHECK_ALLOWED_HOSTS has "${entry}", expected [http:// or https://]name[:port]`,
			);
		},
	);
});

describe('isLoopbackAddress', () => {
	it.each([
		['127.0.0.1', true],
		['127.1.2.3', true],
		['::1', true],
		['[::1]', true],
		['localhost', true],
		['0.0.0.0', false],
		['::', false],
		['192.168.1.10', false],
	])('%s → %s', (host, loopback) => {
		expect(isLoopbackAddress(host)).toBe(loopback);
	});
});
