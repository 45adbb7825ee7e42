import { BlockList, isIP } from 'node:net';

/**
 * Who is asking, for the rate limit. Behind a proxy every request comes from the proxy's
 * address, so all readers would share one bucket; a forwarded address is believed only when
 * the peer is a proxy the operator named, since anyone else can write the header.
 */
export interface ProxyTrust {
	/** Null when STEPCHECK_TRUSTED_PROXIES is unset: forwarding headers are never read. */
	proxies: BlockList | null;
	/**
	 * The one header the proxies write. Reading both would let a client forge the one its
	 * proxy passes through untouched.
	 */
	header: 'x-forwarded-for' | 'forwarded';
}

export interface ForwardingHeaders {
	forwardedFor: string | null;
	forwarded: string | null;
}

/** An address without the brackets or port a header may give it, or null if it is not an IP address. */
function bareAddress(value: string): string | null {
	let text = value.trim().replace(/^"|"$/g, '');
	const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
	if (bracketed) text = bracketed[1]!;
	else if (/^[\d.]+:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(':'));
	return isIP(text) ? text.toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '') : null;
}

function isTrusted(address: string, proxies: BlockList): boolean {
	const bare = bareAddress(address);
	return bare !== null && proxies.check(bare, isIP(bare) === 6 ? 'ipv6' : 'ipv4');
}

/** The `for=` of each element of an RFC 7239 `Forwarded` header, in order. */
function forwardedFor(header: string): string[] {
	return header.split(',').map((element) => {
		const pair = element.split(';').find((part) => part.trim().toLowerCase().startsWith('for='));
		return pair ? pair.trim().slice(4) : 'unknown';
	});
}

export function proxyTrustFromEnv(env: Record<string, string | undefined>): ProxyTrust {
	const header = (env.STEPCHECK_FORWARDED_HEADER?.trim().toLowerCase() || 'x-forwarded-for') as ProxyTrust['header'];
	if (header !== 'x-forwarded-for' && header !== 'forwarded') {
		throw new Error(
			`STEPCHECK_FORWARDED_HEADER is "${env.STEPCHECK_FORWARDED_HEADER}", expected x-forwarded-for or forwarded (the header your proxy writes).`,
		);
	}
	const entries = (env.STEPCHECK_TRUSTED_PROXIES ?? '')
		.split(',')
		.map((entry) => entry.trim())
		.filter(Boolean);
	if (entries.length === 0) return { proxies: null, header };
	const proxies = new BlockList();
	for (const entry of entries) {
		const [address = '', prefix] = entry.split('/');
		const version = isIP(address);
		const bits = prefix === undefined ? null : Number(prefix);
		const maxBits = version === 6 ? 128 : 32;
		if (version === 0 || (bits !== null && !(Number.isInteger(bits) && bits >= 0 && bits <= maxBits && /^\d+$/.test(prefix!)))) {
			throw new Error(
				`STEPCHECK_TRUSTED_PROXIES has "${entry}", expected an IP address or a CIDR range (for example 127.0.0.1,::1 or 10.0.0.0/8), separated by commas.`,
			);
		}
		const type = version === 6 ? 'ipv6' : 'ipv4';
		if (bits === null) proxies.addAddress(address, type);
		else proxies.addSubnet(address, bits, type);
	}
	return { proxies, header };
}

/**
 * The peer, or, when the peer is a trusted proxy, the nearest address in the forwarding chain
 * that is not one: each proxy appends the address it saw, so entries further left are the
 * client's to invent.
 */
export function clientAddress(peer: string, headers: ForwardingHeaders, trust: ProxyTrust): string {
	const key = (address: string) => bareAddress(address) ?? address.trim();
	if (!trust.proxies || !isTrusted(peer, trust.proxies)) return key(peer);
	const header = trust.header === 'forwarded' ? headers.forwarded : headers.forwardedFor;
	if (!header) return key(peer);
	const chain = trust.header === 'forwarded' ? forwardedFor(header) : header.split(',');
	for (let index = chain.length - 1; index >= 0; index--) {
		const hop = chain[index]!;
		if (index === 0 || !isTrusted(hop, trust.proxies)) return key(hop);
	}
	return key(peer);
}

/**
 * The rate limit's key for a client address: an IPv4 address as it is, an IPv6 address by
 * its /64, since one host is given a whole /64 and could otherwise take a fresh bucket per request.
 */
export function rateLimitKey(address: string): string {
	if (isIP(address) !== 6) return address;
	const [head = '', tail = ''] = address.toLowerCase().split('::');
	const left = head ? head.split(':') : [];
	const right = tail ? tail.split(':') : [];
	const groups = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
	return `${groups
		.slice(0, 4)
		.map((group) => group.replace(/^0+(?=.)/, ''))
		.join(':')}::/64`;
}
