import type { Outcome } from './live-check';

/**
 * How a page gets a check's outcome: from the endpoint of the Stepcheck server that served it,
 * or from the companion on the reader's loopback (`sameOriginTransport` in `live-check.ts`,
 * `companionTransport` in `companion-transport.ts`). Both speak the same `/api/checks/<id>`
 * contract and end in the same `Outcome` (what to show), so a page that runs several checks (a
 * checkup) picks a transport and calls `ask` for each check.
 */
interface CheckRequest {
	id: string;
	method: string;
	/** The optional IAM user name of checks that take one. */
	user?: string;
}

export interface CheckTransport {
	kind: 'same-origin' | 'companion';
	ask(request: CheckRequest): Promise<Outcome>;
}
