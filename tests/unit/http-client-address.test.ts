import { describe, expect, it } from 'vitest';
import { clientAddress, proxyTrustFromEnv, rateLimitKey, type ForwardingHeaders } from '../../src/lib/http/client-address';

const headers = (overrides: Partial<ForwardingHeaders> = {}): ForwardingHeaders => ({
	forwardedFor: null,
	forwarded: null,
	...overrides,
});
const NO_PROXY = proxyTrustFromEnv({});
const LOCAL_PROXY = proxyTrustFromEnv({ STEPCHECK_TRUSTED_PROXIES: '127.0.0.1, ::1' });

describe('clientAddress', () => {
	it.each<[string, string, ForwardingHeaders, ReturnType<typeof proxyTrustFromEnv>, string]>([
		['no proxy configured: the peer, whatever it forwards', '127.0.0.1', headers({ forwardedFor: '203.0.113.9' }), NO_PROXY, '127.0.0.1'],
		['a trusted proxy: the address it forwards', '127.0.0.1', headers({ forwardedFor: '203.0.113.9' }), LOCAL_PROXY, '203.0.113.9'],
		['a trusted proxy over IPv6', '::1', headers({ forwardedFor: '203.0.113.9' }), LOCAL_PROXY, '203.0.113.9'],
		['a trusted proxy as an IPv4-mapped address', '::ffff:127.0.0.1', headers({ forwardedFor: '203.0.113.9' }), LOCAL_PROXY, '203.0.113.9'],
		[
			'a peer that is not a trusted proxy forwards nothing',
			'198.51.100.7',
			headers({ forwardedFor: '203.0.113.9' }),
			LOCAL_PROXY,
			'198.51.100.7',
		],
		[
			'a client-forged entry left of the one the proxy appended is ignored',
			'127.0.0.1',
			headers({ forwardedFor: '10.9.9.9, 203.0.113.9' }),
			LOCAL_PROXY,
			'203.0.113.9',
		],
		[
			'a chain of trusted proxies is walked from the right',
			'127.0.0.1',
			headers({ forwardedFor: '203.0.113.9, 10.0.0.5' }),
			proxyTrustFromEnv({ STEPCHECK_TRUSTED_PROXIES: '127.0.0.1,10.0.0.0/8' }),
			'203.0.113.9',
		],
		['every hop trusted: the leftmost', '127.0.0.1', headers({ forwardedFor: '127.0.0.1' }), LOCAL_PROXY, '127.0.0.1'],
		['a trusted proxy that forwards nothing', '127.0.0.1', headers(), LOCAL_PROXY, '127.0.0.1'],
		['an IPv4 entry with a port', '127.0.0.1', headers({ forwardedFor: '203.0.113.9:5555' }), LOCAL_PROXY, '203.0.113.9'],
		['an IPv6 entry in brackets', '127.0.0.1', headers({ forwardedFor: '[2001:db8::1]:5555' }), LOCAL_PROXY, '2001:db8::1'],
		[
			'Forwarded is ignored unless the operator says the proxy writes it',
			'127.0.0.1',
			headers({ forwarded: 'for=203.0.113.9' }),
			LOCAL_PROXY,
			'127.0.0.1',
		],
		[
			'Forwarded, when the proxy writes it',
			'127.0.0.1',
			headers({ forwarded: 'for=10.1.1.1;proto=https, for="[2001:db8:cafe::17]:4711";by=127.0.0.1', forwardedFor: '198.51.100.1' }),
			proxyTrustFromEnv({ STEPCHECK_TRUSTED_PROXIES: '127.0.0.1', STEPCHECK_FORWARDED_HEADER: 'forwarded' }),
			'2001:db8:cafe::17',
		],
	])('%s', (_name, peer, forwarding, trust, expected) => {
		expect(clientAddress(peer, forwarding, trust)).toBe(expected);
	});
});

describe('proxyTrustFromEnv', () => {
	it.each([
		['STEPCHECK_TRUSTED_PROXIES', 'localhost', 'STEPCHECK_TRUSTED_PROXIES has "localhost", expected an IP address or a CIDR range'],
		['STEPCHECK_TRUSTED_PROXIES', '10.0.0.0/33', 'STEPCHECK_TRUSTED_PROXIES has "10.0.0.0/33", expected an IP address or a CIDR range'],
		['STEPCHECK_FORWARDED_HEADER', 'x-real-ip', 'STEPCHECK_FORWARDED_HEADER is "x-real-ip", expected x-forwarded-for or forwarded'],
	])('refuses %s=%s', (name, value, message) => {
		expect(() => proxyTrustFromEnv({ STEPCHECK_TRUSTED_PROXIES: '127.0.0.1', [name]: value })).toThrow(message);
	});
});

describe('rateLimitKey', () => {
	it('counts IPv6 clients per /64, whatever the spelling, and IPv4 clients per address', () => {
		const one = ['2001:db8:1:2::1', '2001:0db8:0001:0002:ffff:ffff:ffff:ffff', '2001:db8:1:2:abcd::9'].map(rateLimitKey);
		expect(new Set(one)).toEqual(new Set(['2001:db8:1:2::/64']));
		expect(rateLimitKey('2001:db8:1:3::1')).not.toBe(one[0]);
		expect(rateLimitKey('::1')).toBe('0:0:0:0::/64');
		expect(rateLimitKey('203.0.113.9')).toBe('203.0.113.9');
	});
});
