/**
 * Decides whether the live check may answer a request. The endpoint uses the credentials
 * of whoever runs Stepcheck, so by default it answers only on a loopback server, only to a
 * loopback `Host` with the server's own port (a DNS-rebinding page sends its own host name),
 * and reads from other sites are refused outright even though CORS would hide the answer.
 */
export type CheckMode = 'off' | 'local' | 'on';

export interface GuardConfig {
	mode: CheckMode;
	/** The address the server listens on (`HOST`); null when unknown, as in `astro dev`. */
	listenHost: string | null;
	/** The port the server listens on (`PORT`); null when unknown (any port then passes). */
	serverPort: number | null;
	/** Extra `Host` values from STEPCHECK_ALLOWED_HOSTS, for use behind an authenticating proxy. */
	extraHosts: string[];
	/**
	 * Other origins whose pages may run the checks (the companion: the published site and
	 * `--allow-origin` previews). Exact `scheme://host[:port]` strings; absent means none.
	 */
	crossOrigins?: readonly string[];
}

export interface GuardRequest {
	method: string;
	host: string | null;
	origin: string | null;
	secFetchSite: string | null;
}

export type GuardDecision =
	{ allowed: true } | { allowed: false; status: 403 | 404; code: 'disabled' | 'forbidden-host' | 'forbidden-origin'; message: string };

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isLoopbackAddress(host: string): boolean {
	const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
	return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/** Reads the switches; an unknown mode is an error that names the variable and its values. */
export function guardConfigFromEnv(env: Record<string, string | undefined>): GuardConfig {
	const raw = (env.STEPCHECK_MFA_CHECK ?? 'local').trim().toLowerCase() || 'local';
	if (raw !== 'off' && raw !== 'local' && raw !== 'on') {
		throw new Error(`STEPCHECK_MFA_CHECK is "${env.STEPCHECK_MFA_CHECK}", expected off, local or on. Unset it for the default (local).`);
	}
	const port = Number(env.PORT);
	return {
		mode: raw,
		// Astro's own config listens on 127.0.0.1 when HOST is not given (astro dev, standalone entry).
		listenHost: env.HOST ?? null,
		serverPort: Number.isInteger(port) && port > 0 ? port : null,
		extraHosts: (env.STEPCHECK_ALLOWED_HOSTS ?? '')
			.split(',')
			.map((host) => host.trim().toLowerCase())
			.filter(Boolean),
	};
}

function splitHost(value: string): { name: string; port: number | null } {
	const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(value.trim().toLowerCase());
	if (!match) return { name: '', port: null };
	return { name: match[1] ?? '', port: match[2] ? Number(match[2]) : null };
}

function hostAllowed(host: string, config: GuardConfig): boolean {
	const { name, port } = splitHost(host);
	if (LOOPBACK_NAMES.has(name) && (config.serverPort === null || port === config.serverPort)) return true;
	// An operator's entry with a port must match exactly; without one it allows the name on any port.
	return config.extraHosts.some((entry) => entry === host.toLowerCase() || (!entry.includes(':') && entry === name));
}

function sameOrigin(origin: string, host: string): boolean {
	try {
		const url = new URL(origin);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.host.toLowerCase() === host.toLowerCase();
	} catch {
		return false;
	}
}

export function guardRequest(request: GuardRequest, config: GuardConfig): GuardDecision {
	if (config.mode === 'off') {
		return {
			allowed: false,
			status: 404,
			code: 'disabled',
			message:
				'The live MFA check is switched off on this server (STEPCHECK_MFA_CHECK=off). Check by hand with the AWS CLI commands in the guide.',
		};
	}
	if (config.mode === 'local' && config.listenHost !== null && !isLoopbackAddress(config.listenHost)) {
		return {
			allowed: false,
			status: 404,
			code: 'disabled',
			message: `The live MFA check answers only while Stepcheck listens on loopback, and this server listens on ${config.listenHost}. Run it with HOST=127.0.0.1, or behind an authenticating proxy set STEPCHECK_MFA_CHECK=on and STEPCHECK_ALLOWED_HOSTS.`,
		};
	}
	const host = request.host ?? '';
	if (!hostAllowed(host, config)) {
		const port = config.serverPort ?? 'the server port';
		return {
			allowed: false,
			status: 403,
			code: 'forbidden-host',
			message: `Requests for host "${host}" are refused. Open Stepcheck at http://127.0.0.1:${port}/ or http://localhost:${port}/, or add the host to STEPCHECK_ALLOWED_HOSTS.`,
		};
	}
	const fetchSite = request.secFetchSite?.toLowerCase() ?? null;
	const originMatches =
		request.origin !== null && (sameOrigin(request.origin, host) || (config.crossOrigins ?? []).includes(request.origin.toLowerCase()));
	if (request.origin !== null && request.origin !== 'null' && !originMatches) {
		return {
			allowed: false,
			status: 403,
			code: 'forbidden-origin',
			message: `Requests from ${request.origin} are refused: only Stepcheck's own pages may run the check.`,
		};
	}
	if (!originMatches && (fetchSite === 'cross-site' || fetchSite === 'same-site')) {
		return {
			allowed: false,
			status: 403,
			code: 'forbidden-origin',
			message: "Requests from other sites are refused: only Stepcheck's own pages may run the check.",
		};
	}
	if (request.method === 'POST' && !originMatches && fetchSite !== 'same-origin') {
		return {
			allowed: false,
			status: 403,
			code: 'forbidden-origin',
			message:
				'This POST needs a same-origin Origin header (or Sec-Fetch-Site: same-origin). Start the account check from a Stepcheck page.',
		};
	}
	return { allowed: true };
}
