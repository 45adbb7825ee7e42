import { handleCheck, jsonResponse, refusal, type EndpointContext } from '../http/check-endpoint';
import { KNOWN_PARTITIONS } from './identity';
import { minimalPolicy } from './minimal-policy';

/**
 * The issue-5 endpoints, kept as aliases so existing links and scripts keep working:
 * `/api/mfa-status` is `/api/checks/mfa`, `/api/mfa-status/account` is
 * `/api/checks/users-without-mfa`. Guard, rate limit and caching are those of every check.
 */
export { jsonResponse };

export function handleMfaStatus(context: EndpointContext): Promise<Response> {
	return handleCheck('mfa', context);
}

export function handleAccountPosture(context: EndpointContext): Promise<Response> {
	return handleCheck('users-without-mfa', context);
}

/** The minimal read-only policy; public knowledge, so it is served without the guard. */
export function handlePolicy(request: Request): Response {
	const partition = new URL(request.url).searchParams.get('partition') ?? 'aws';
	if (!(KNOWN_PARTITIONS as readonly string[]).includes(partition)) {
		return refusal(400, 'bad-request', `Unknown partition "${partition}". Use one of: ${KNOWN_PARTITIONS.join(', ')}.`);
	}
	return jsonResponse(200, minimalPolicy(partition));
}
