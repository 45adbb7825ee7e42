import { COMPANION_STATUS_PATH } from '../../companion/settings';
import { companionStatusSchema } from '../../companion/status';
import { checkRequest, formatTime, node, outcomeOf, type Outcome } from './live-check';
import type { CheckTransport } from './transport';

/**
 * The companion on the reader's loopback. Before the first check it reads the status route,
 * so an older or newer companion is named as such. When nothing answers it works out why: the
 * browser's local-network permission, a companion that refuses this page's origin (it answers
 * without CORS headers, which a no-cors request still sees), or none running.
 */
type LocalNetworkPermission = 'granted' | 'denied' | 'prompt' | 'unknown';

type CompanionProblem =
	| { kind: 'not-running'; permission: LocalNetworkPermission }
	| { kind: 'blocked' }
	| { kind: 'version-mismatch'; companion: number | null; page: number }
	| { kind: 'origin-refused' };

export interface CompanionPlace {
	port: number;
	/** The port the build's command uses; another one is spelled out with `--port`. */
	defaultPort: number;
	/** This page's origin, which the companion must answer. */
	origin: string;
}

async function localNetworkPermission(): Promise<LocalNetworkPermission> {
	// Chromium's names for it, newest first; other browsers reject both.
	for (const name of ['local-network-access', 'loopback-network']) {
		try {
			return (await navigator.permissions.query({ name } as unknown as PermissionDescriptor)).state;
		} catch {
			// Not a permission this browser knows.
		}
	}
	return 'unknown';
}

async function diagnose(base: string): Promise<CompanionProblem> {
	const permission = await localNetworkPermission();
	if (permission === 'denied') return { kind: 'blocked' };
	try {
		await fetch(`${base}${COMPANION_STATUS_PATH}`, { mode: 'no-cors', cache: 'no-store' });
		return { kind: 'origin-refused' };
	} catch {
		return { kind: 'not-running', permission };
	}
}

const code = (text: string) => node('pre', { attributes: { tabindex: '0' } }, node('code', null, text));
const problemView = (...children: Parameters<typeof node>[2][]) => node('div', { className: 'live-problem' }, ...children);

/** One plain message per way the companion can fail, with what to do next. */
function companionProblemOutcome(problem: CompanionProblem, place: CompanionPlace): Outcome {
	const command = `node stepcheck-companion.mjs${place.port === place.defaultPort ? '' : ` --port ${place.port}`}`;
	const outcome = (message: string, view: Outcome['view']): Outcome => ({
		state: 'error',
		message,
		view,
		openManual: false,
		answered: false,
	});
	switch (problem.kind) {
		case 'not-running':
			return outcome(
				`The companion is not running on this computer (port ${place.port}).`,
				problemView(
					node('p', null, 'Download it with the link above, start it in a terminal with this command, then press the button again:'),
					code(command),
					problem.permission === 'prompt' &&
						node('p', null, 'If your browser asks whether this site may reach devices on your local network, choose Allow.'),
				),
			);
		case 'blocked':
			return outcome(
				'Your browser blocked this page from reaching the companion on your computer.',
				problemView(
					node('p', null, 'Allow this site to reach your local network, then reload the page and press the button again:'),
					node(
						'ul',
						null,
						node(
							'li',
							null,
							'Chrome, Edge and other Chromium browsers: click the icon left of the address, open Site settings, and set Local network access to Allow.',
						),
						node('li', null, 'Firefox: allow the local network prompt if it appears, or open the permissions icon in the address bar.'),
						node('li', null, 'Safari, or a browser without such a setting: use "Check from AWS CloudShell" instead.'),
					),
				),
			);
		case 'version-mismatch':
			return outcome(
				'The companion you are running is for another version of this site.',
				problemView(
					node(
						'p',
						null,
						`It answers in result format ${problem.companion ?? 'unknown'} and this page reads format ${problem.page}. Stop it with Ctrl+C, download it again with the link above, and start the new file.`,
					),
				),
			);
		case 'origin-refused':
			return outcome(
				`The companion is running but does not answer pages from ${place.origin}.`,
				problemView(
					node('p', null, 'If you trust this copy of the site (a preview, say), stop the companion with Ctrl+C and start it again with:'),
					code(`${command} --allow-origin ${place.origin}`),
				),
			);
	}
}

export function companionTransport(place: CompanionPlace, expectedVersion: number): CheckTransport {
	const base = `http://127.0.0.1:${place.port}`;
	let versionChecked = false;
	const failed = (problem: CompanionProblem) => companionProblemOutcome(problem, place);
	return {
		kind: 'companion',
		async ask(request) {
			try {
				if (!versionChecked) {
					const answer = await fetch(`${base}${COMPANION_STATUS_PATH}`, { headers: { Accept: 'application/json' }, cache: 'no-store' });
					const status = companionStatusSchema.safeParse(await answer.json().catch(() => null));
					const version = status.success ? status.data.schemaVersion : null;
					if (version !== expectedVersion) return failed({ kind: 'version-mismatch', companion: version, page: expectedVersion });
					versionChecked = true;
				}
				const { url, init } = checkRequest(`${base}/api/checks/${request.id}`, request.method, request.user);
				const response = await fetch(url, init);
				const body: unknown = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
				return outcomeOf({ status: response.status, body }, expectedVersion, formatTime);
			} catch {
				versionChecked = false;
				return failed(await diagnose(base));
			}
		},
	};
}
