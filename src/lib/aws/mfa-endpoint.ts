import { jsonResponse, refusal } from '../http/check-endpoint';
import { KNOWN_PARTITIONS } from './identity';
import { minimalPolicy } from './minimal-policy';

/** The minimal read-only policy; public knowledge, so it is served without the guard. */
export function handlePolicy(request: Request): Response {
	const partition = new URL(request.url).searchParams.get('partition') ?? 'aws';
	if (!(KNOWN_PARTITIONS as readonly string[]).includes(partition)) {
		return refusal(400, 'bad-request', `Unknown partition "${partition}". Use one of: ${KNOWN_PARTITIONS.join(', ')}.`);
	}
	return jsonResponse(200, minimalPolicy(partition));
}
