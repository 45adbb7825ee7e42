/**
 * Which way of checking can work on the page the reader has open. The local server answers
 * its checks only on loopback (`request-guard.ts`), so a page served from any other host is
 * the published, static site: there the reader's own paths lead (CloudShell, the companion),
 * and the page never offers a button that cannot work. Decided from the address alone, so
 * nothing is requested before the reader presses a button.
 */
export type LivePath = 'local-server' | 'static';

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export function livePathOf(hostname: string): LivePath {
	return LOOPBACK.test(hostname) ? 'local-server' : 'static';
}
