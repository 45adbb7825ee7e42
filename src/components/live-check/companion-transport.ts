import { companionStatusSchema, COMPANION_STATUS_PATH } from '../../companion/status';
import { CHECK_SCHEMA_VERSION } from '../../lib/checks/result-schema';
import { fetchCheck, type CheckTransport, type LocalNetworkPermission, type TransportFailure } from './transport';

/**
 * The companion on the reader's loopback. Before the first check it reads the status route,
 * so an older or newer companion is named as such; when nothing answers it works out why:
 * the browser's local-network permission, a companion that refuses this page's origin (it
 * answers without CORS headers, which a no-cors request still sees), or none running.
 */
export function companionBase(port: number): string {
	return `http://127.0.0.1:${port}`;
}

export async function localNetworkPermission(): Promise<LocalNetworkPermission> {
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

async function diagnose(base: string): Promise<TransportFailure> {
	const permission = await localNetworkPermission();
	if (permission === 'denied') return { kind: 'blocked' };
	try {
		await fetch(`${base}${COMPANION_STATUS_PATH}`, { mode: 'no-cors', cache: 'no-store' });
		return { kind: 'origin-refused' };
	} catch {
		return { kind: 'not-running', permission };
	}
}

export function companionTransport(port: number): CheckTransport {
	const base = companionBase(port);
	let checkedVersion = false;
	return {
		kind: 'companion',
		async run(request) {
			try {
				if (!checkedVersion) {
					const response = await fetch(`${base}${COMPANION_STATUS_PATH}`, { headers: { Accept: 'application/json' }, cache: 'no-store' });
					const status = companionStatusSchema.safeParse(await response.json().catch(() => null));
					if (!status.success) return { ok: false, failure: { kind: 'version-mismatch', companion: 0, page: CHECK_SCHEMA_VERSION } };
					if (status.data.schemaVersion !== CHECK_SCHEMA_VERSION) {
						return { ok: false, failure: { kind: 'version-mismatch', companion: status.data.schemaVersion, page: CHECK_SCHEMA_VERSION } };
					}
					checkedVersion = true;
				}
				return (
					(await fetchCheck(base, request)) ?? {
						ok: false,
						failure: { kind: 'version-mismatch', companion: 0, page: CHECK_SCHEMA_VERSION },
					}
				);
			} catch {
				checkedVersion = false;
				return { ok: false, failure: await diagnose(base) };
			}
		},
	};
}
