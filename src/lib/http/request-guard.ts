/**
 * Decides whether a live check may answer a request. The checks use the credentials of
 * whoever runs Stepcheck, so by default they answer only on a loopback server, only to a
 * loopback `Host` with the server's own port (a DNS-rebinding page sends its own host name),
 * and reads from other sites are refused outright even though CORS would hide the answer.
 */
type CheckMode = 'off' | 'local' | 'on';
type Scheme = 'http' | 'https';

/**
 * Where a browser may reach Stepcheck: a name, the port the browser uses (null: any) and the
 * scheme (null: either). Loopback is `http` on the server's port; an operator's entry in
 * STEPCHECK_ALLOWED_HOSTS is `[scheme://]name[:port]`.
 */
interface AllowedHost {
	scheme: Scheme | null;
	name: string;
	port: number | null;
}

export interface GuardConfig {
	mode: CheckMode;
	/** The variable the mode came from, so messages name the one the operator set. */
	switchName: string;
	/** The address the server listens on (`HOST`); null when unknown, as in `astro dev`. */
	listenHost: string | null;
	/** The port the server listens on (`PORT`); null when unknown (any port then passes). */
	serverPort: number | null;
	/** From STEPCHECK_ALLOWED_HOSTS, for use behind an authenticating proxy. */
	allowedHosts: AllowedHost[];
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
	referer: string | null;
}

export type GuardDecision =
	{ allowed: true } | { allowed: false; status: 403 | 404; code: 'disabled' | 'forbidden-host' | 'forbidden-origin'; message: string };

const SWITCH = 'STEPCHECK_LIVE_CHECKS';
/** The switch's first name, from when it switched only the MFA check; still read. */
const OLD_SWITCH = 'STEPCHECK_MFA_CHECK';
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);
const DEFAULT_PORT: Record<Scheme, number> = { http: 80, https: 443 };
const SCHEMES = Object.keys(DEFAULT_PORT) as Scheme[];
// A host name or IPv4 address, or an IPv6 address in brackets, then an optional port.
const HOST_PATTERN = /^(\[[0-9a-f:.]+\]|[a-z0-9_.-]+)(?::(\d{1,5}))?$/;

export function isLoopbackAddress(host: string): boolean {
	const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
	return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/** A `Host` value split into name and port; null for anything else (userinfo, a path, spaces). */
export function splitHost(value: string): { name: string; port: number | null } | null {
	const match = HOST_PATTERN.exec(value.trim().toLowerCase());
	if (!match) return null;
	const port = match[2] === undefined ? null : Number(match[2]);
	return port !== null && port > 65_535 ? null : { name: match[1]!, port };
}

/**
 * `name` allows either scheme on any port; `name:443` and `name:80` name the scheme their
 * port is the default of; `https://name` is port 443 unless it gives a port.
 */
function parseAllowedHost(entry: string): AllowedHost {
	const match = /^(?:(https?):\/\/)?(.*?)\/?$/.exec(entry.toLowerCase());
	const split = match ? splitHost(match[2]!) : null;
	if (!match || !split) {
		throw new Error(
			`STEPCHECK_ALLOWED_HOSTS has "${entry}", expected [http:// or https://]name[:port] (for example stepcheck.example.com:443 or https://stepcheck.example.com), separated by commas.`,
		);
	}
	const scheme = (match[1] as Scheme | undefined) ?? SCHEMES.find((candidate) => DEFAULT_PORT[candidate] === split.port) ?? null;
	return { scheme, name: split.name, port: split.port ?? (match[1] ? DEFAULT_PORT[scheme!] : null) };
}

function readMode(env: Record<string, string | undefined>): { mode: CheckMode; switchName: string } {
	const set = [SWITCH, OLD_SWITCH].map((name) => ({ name, value: env[name]?.trim() ?? '' })).filter((variable) => variable.value !== '');
	const [chosen, other] = set;
	if (!chosen) return { mode: 'local', switchName: SWITCH };
	const mode = chosen.value.toLowerCase();
	if (mode !== 'off' && mode !== 'local' && mode !== 'on') {
		throw new Error(`${chosen.name} is "${chosen.value}", expected off, local or on. Unset it for the default (local).`);
	}
	if (other && other.value.toLowerCase() !== mode) {
		throw new Error(
			`${SWITCH} is "${chosen.value}" but its old name ${OLD_SWITCH} is "${other.value}". Set only ${SWITCH} (off, local or on).`,
		);
	}
	return { mode, switchName: chosen.name };
}

/** Reads the switches; an unknown mode or a malformed host is an error that names the variable. */
export function guardConfigFromEnv(env: Record<string, string | undefined>): GuardConfig {
	const port = Number(env.PORT);
	return {
		...readMode(env),
		// Astro's own config listens on 127.0.0.1 when HOST is not given (astro dev, standalone entry).
		listenHost: env.HOST ?? null,
		serverPort: Number.isInteger(port) && port > 0 ? port : null,
		allowedHosts: (env.STEPCHECK_ALLOWED_HOSTS ?? '')
			.split(',')
			.map((entry) => entry.trim())
			.filter(Boolean)
			.map(parseAllowedHost),
	};
}

/** The schemes a request for `host` may have come in with: empty when the host is not allowed. */
function schemesFor(host: { name: string; port: number | null }, config: GuardConfig): Set<Scheme> {
	const rules: AllowedHost[] = [
		...[...LOOPBACK_NAMES].map((name): AllowedHost => ({ scheme: 'http', name, port: config.serverPort })),
		...config.allowedHosts,
	];
	const schemes = new Set<Scheme>();
	for (const rule of rules.filter((candidate) => candidate.name === host.name)) {
		for (const scheme of rule.scheme ? [rule.scheme] : SCHEMES) {
			// A browser leaves the scheme's default port out of Host.
			const port = host.port ?? DEFAULT_PORT[scheme];
			if (rule.port === null || rule.port === port) schemes.add(scheme);
		}
	}
	return schemes;
}

/** Whether `url` (an Origin or Referer) is the origin a request to `host` with one of `schemes` has. */
function sameOrigin(url: string, host: { name: string; port: number | null }, schemes: Set<Scheme>): boolean {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return false;
	}
	const scheme = parsed.protocol.slice(0, -1) as Scheme;
	if (!schemes.has(scheme)) return false;
	// The URL parser drops a default port; compare the ports both sides actually use.
	const port = parsed.port === '' ? DEFAULT_PORT[scheme] : Number(parsed.port);
	return parsed.hostname === host.name && port === (host.port ?? DEFAULT_PORT[scheme]);
}

const refuseOrigin = (message: string): GuardDecision => ({ allowed: false, status: 403, code: 'forbidden-origin', message });

export function guardRequest(request: GuardRequest, config: GuardConfig): GuardDecision {
	if (config.mode === 'off') {
		return {
			allowed: false,
			status: 404,
			code: 'disabled',
			message: `The live checks are switched off on this server (${config.switchName}=off). Check by hand with the AWS CLI commands in the guide.`,
		};
	}
	if (config.mode === 'local' && config.listenHost !== null && !isLoopbackAddress(config.listenHost)) {
		return {
			allowed: false,
			status: 404,
			code: 'disabled',
			message: `The live checks answer only while Stepcheck listens on loopback, and this server listens on ${config.listenHost}. Run it with HOST=127.0.0.1, or behind an authenticating proxy set ${SWITCH}=on and STEPCHECK_ALLOWED_HOSTS.`,
		};
	}
	const host = splitHost(request.host ?? '');
	const schemes = host ? schemesFor(host, config) : new Set<Scheme>();
	if (!host || schemes.size === 0) {
		const port = config.serverPort ?? 'the server port';
		return {
			allowed: false,
			status: 403,
			code: 'forbidden-host',
			message: `Requests for host "${(request.host ?? '').slice(0, 100)}" are refused. Open Stepcheck at http://127.0.0.1:${port}/ or http://localhost:${port}/, or add the host to STEPCHECK_ALLOWED_HOSTS.`,
		};
	}
	const fetchSite = request.secFetchSite?.toLowerCase() ?? null;
	const originMatches =
		request.origin !== null &&
		(sameOrigin(request.origin, host, schemes) || (config.crossOrigins ?? []).includes(request.origin.toLowerCase()));
	// `Origin: null` comes from a sandboxed frame, a file: or data: page, or a redirect: no Stepcheck page.
	if (request.origin === 'null') {
		return refuseOrigin('Requests from an opaque origin (Origin: null: a sandboxed frame, a file or a data: page) are refused.');
	}
	if (request.origin !== null && !originMatches) {
		return refuseOrigin(`Requests from ${request.origin.slice(0, 100)} are refused: only Stepcheck's own pages may run the check.`);
	}
	if (!originMatches && (fetchSite === 'cross-site' || fetchSite === 'same-site')) {
		return refuseOrigin("Requests from other sites are refused: only Stepcheck's own pages may run the check.");
	}
	// Neither header came (an older browser, or a plain link): a Referer is the last word on who asked.
	if (request.origin === null && fetchSite === null && request.referer !== null && !sameOrigin(request.referer, host, schemes)) {
		return refuseOrigin("Requests that come from another site's page are refused: only Stepcheck's own pages may run the check.");
	}
	if (request.method === 'POST' && !originMatches && fetchSite !== 'same-origin') {
		return refuseOrigin(
			'This POST needs a same-origin Origin header (or Sec-Fetch-Site: same-origin). Start the account check from a Stepcheck page.',
		);
	}
	return { allowed: true };
}
