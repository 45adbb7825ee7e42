import { describe, expect, it } from 'vitest';
import { guardConfigFromEnv, guardRequest, isLoopbackAddress, type GuardConfig, type GuardRequest } from '../../src/lib/http/request-guard';

const LOCAL: GuardConfig = { mode: 'local', listenHost: '127.0.0.1', serverPort: 4321, extraHosts: [] };
const get = (overrides: Partial<GuardRequest> = {}): GuardRequest => ({
	method: 'GET',
	host: '127.0.0.1:4321',
	origin: null,
	secFetchSite: null,
	...overrides,
});
const post = (overrides: Partial<GuardRequest> = {}) => get({ method: 'POST', ...overrides });

describe('guardRequest', () => {
	it.each<[string, GuardRequest, GuardConfig, 'allowed' | number]>([
		['loopback GET', get(), LOCAL, 'allowed'],
		['localhost GET', get({ host: 'localhost:4321' }), LOCAL, 'allowed'],
		['IPv6 loopback GET', get({ host: '[::1]:4321' }), LOCAL, 'allowed'],
		['upper-case Host', get({ host: 'LOCALHOST:4321' }), LOCAL, 'allowed'],
		['DNS rebinding: foreign name on the right port', get({ host: 'attacker.example:4321' }), LOCAL, 403],
		['loopback name on another port', get({ host: '127.0.0.1:8080' }), LOCAL, 403],
		['loopback name without a port', get({ host: 'localhost' }), LOCAL, 403],
		['missing Host', get({ host: null }), LOCAL, 403],
		['other loopback address as Host', get({ host: '127.0.0.2:4321' }), LOCAL, 403],
		['GET from another site', get({ secFetchSite: 'cross-site' }), LOCAL, 403],
		['GET with a foreign Origin', get({ origin: 'https://attacker.example' }), LOCAL, 403],
		['same-origin GET with Origin', get({ origin: 'http://127.0.0.1:4321', secFetchSite: 'same-origin' }), LOCAL, 'allowed'],
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
		[
			'local mode, listen address unknown (astro dev)',
			get({ host: 'localhost:4322' }),
			{ ...LOCAL, listenHost: null, serverPort: null },
			'allowed',
		],
		[
			'on mode behind a proxy with an allowed host',
			get({ host: 'stepcheck.corp.example' }),
			{ mode: 'on', listenHost: '0.0.0.0', serverPort: 4321, extraHosts: ['stepcheck.corp.example'] },
			'allowed',
		],
		[
			'on mode with a host not allowed',
			get({ host: 'other.corp.example' }),
			{ mode: 'on', listenHost: '0.0.0.0', serverPort: 4321, extraHosts: ['stepcheck.corp.example'] },
			403,
		],
		[
			'allowed host with port must match exactly',
			get({ host: 'proxy.example:8443' }),
			{ ...LOCAL, mode: 'on', extraHosts: ['proxy.example:443'] },
			403,
		],
		[
			'POST behind https proxy, same origin',
			post({ host: 'stepcheck.corp.example', origin: 'https://stepcheck.corp.example' }),
			{ mode: 'on', listenHost: '0.0.0.0', serverPort: 4321, extraHosts: ['stepcheck.corp.example'] },
			'allowed',
		],
	])('%s', (_name, request, config, expected) => {
		const decision = guardRequest(request, config);
		if (expected === 'allowed') expect(decision).toEqual({ allowed: true });
		else {
			expect(decision.allowed).toBe(false);
			expect(!decision.allowed && decision.status).toBe(expected);
			expect(!decision.allowed && decision.message.length).toBeGreaterThan(20);
		}
	});
});

describe('guardConfigFromEnv', () => {
	it('defaults to local on the server address and port', () => {
		expect(guardConfigFromEnv({ HOST: '127.0.0.1', PORT: '4321' })).toEqual(LOCAL);
	});
	it('reads the switches', () => {
		expect(guardConfigFromEnv({ STEPCHECK_MFA_CHECK: 'ON', STEPCHECK_ALLOWED_HOSTS: ' a.example , B.example:8443 ,' })).toMatchObject({
			mode: 'on',
			listenHost: null,
			serverPort: null,
			extraHosts: ['a.example', 'b.example:8443'],
		});
	});
	it('names the variable and the accepted values when the mode is unknown', () => {
		expect(() => guardConfigFromEnv({ STEPCHECK_MFA_CHECK: 'yes' })).toThrow('STEPCHECK_MFA_CHECK is "yes", expected off, local or on');
	});
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
