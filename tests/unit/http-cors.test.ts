import { describe, expect, it } from 'vitest';
import { corsHeaders, preflightHeaders } from '../../src/lib/http/cors';
import { guardRequest, type GuardConfig } from '../../src/lib/http/request-guard';

const ALLOWED = ['https://stepcheck.dev'];
const headers = (values: Record<string, string>) => new Headers(values);

describe('CORS for the companion', () => {
	it('echoes an allowed origin, never *, and gives a foreign one nothing but Vary', () => {
		expect(corsHeaders('https://stepcheck.dev', ALLOWED)).toEqual({
			'Access-Control-Allow-Origin': 'https://stepcheck.dev',
			Vary: 'Origin',
		});
		expect(corsHeaders('https://evil.example', ALLOWED)).toEqual({ Vary: 'Origin' });
		expect(corsHeaders(null, ALLOWED)).toEqual({ Vary: 'Origin' });
	});

	it('answers a preflight from the site with the Private and Local Network Access opt-ins it asked for', () => {
		const answer = preflightHeaders(
			headers({
				origin: 'https://stepcheck.dev',
				'access-control-request-private-network': 'true',
				'access-control-request-local-network': 'true',
			}),
			ALLOWED,
		);
		expect(answer).toMatchObject({
			'Access-Control-Allow-Origin': 'https://stepcheck.dev',
			'Access-Control-Allow-Private-Network': 'true',
			'Access-Control-Allow-Local-Network': 'true',
		});
		expect(preflightHeaders(headers({ origin: 'https://stepcheck.dev' }), ALLOWED)).not.toHaveProperty(
			'Access-Control-Allow-Private-Network',
		);
		expect(
			preflightHeaders(headers({ origin: 'https://evil.example', 'access-control-request-private-network': 'true' }), ALLOWED),
		).toBeNull();
	});
});

describe('the request guard with allowed cross origins (the companion)', () => {
	const COMPANION: GuardConfig = {
		mode: 'local',
		switchName: 'the companion',
		listenHost: '127.0.0.1',
		serverPort: 4319,
		allowedHosts: [],
		crossOrigins: ALLOWED,
	};
	const ask = (origin: string | null, method = 'GET', host = '127.0.0.1:4319') =>
		guardRequest({ method, host, origin, secFetchSite: origin ? 'cross-site' : null, referer: null }, COMPANION);

	it('lets the site run GET and POST checks across origins', () => {
		expect(ask('https://stepcheck.dev')).toEqual({ allowed: true });
		expect(ask('https://stepcheck.dev', 'POST')).toEqual({ allowed: true });
	});

	it('still refuses other origins, and a foreign Host even from the site', () => {
		expect(ask('https://evil.example')).toMatchObject({ allowed: false, status: 403, code: 'forbidden-origin' });
		expect(ask('https://stepcheck.dev', 'GET', 'rebind.example:4319')).toMatchObject({
			allowed: false,
			status: 403,
			code: 'forbidden-host',
		});
		expect(ask('https://stepcheck.dev', 'GET', '127.0.0.1:9999')).toMatchObject({ allowed: false, code: 'forbidden-host' });
	});

	it('gives the same-origin server (no cross origins) no new way in', () => {
		const server: GuardConfig = { ...COMPANION, crossOrigins: undefined };
		expect(
			guardRequest(
				{ method: 'GET', host: '127.0.0.1:4319', origin: 'https://stepcheck.dev', secFetchSite: 'cross-site', referer: null },
				server,
			),
		).toMatchObject({ allowed: false });
	});
});
