import type { IAMClient } from '@aws-sdk/client-iam';
import type { STSClient } from '@aws-sdk/client-sts';
import { UnreadableResponseError } from './aws-errors';

/**
 * IAM and STS answer in the Query protocol: an XML document whose root element is the
 * action's name followed by `Response`. The SDK's parser reads whatever XML it is given and
 * fills in nothing it does not find, so a captive portal's HTML page with status 200 would
 * come out as an empty device list, and a check would report a confident "fail". The
 * problem with an answer, or null when it is one the protocol can carry.
 */
export function answerProblem(action: string, body: string): string | null {
	const start = body.replace(/^\uFEFF?\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*/, '');
	if (start.startsWith('{')) return null;
	const root = /^<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s/>]/.exec(start)?.[2];
	if (root === `${action}Response`) return null;
	if (root === undefined) return `the answer to ${action} is not XML`;
	return `the answer to ${action} is a <${root}> document, not <${action}Response>`;
}

async function bodyBytes(body: unknown): Promise<Uint8Array> {
	if (body instanceof Uint8Array) return body;
	const chunks: Uint8Array[] = [];
	for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
	return Buffer.concat(chunks);
}

/** Makes the client read each successful answer before its parser does, and refuse one that is not an AWS answer. */
export function refuseForeignAnswers(client: IAMClient | STSClient): void {
	(client.middlewareStack as IAMClient['middlewareStack']).add(
		(next, context) => async (args) => {
			const result = await next(args);
			const response = result.response as { statusCode: number; body: unknown };
			if (response.statusCode < 200 || response.statusCode > 299) return result;
			const bytes = await bodyBytes(response.body);
			// The SDK collects a Uint8Array body as it is, so its parser reads these same bytes.
			response.body = bytes;
			const action = (context.commandName ?? '').replace(/Command$/, '');
			const problem = answerProblem(action, new TextDecoder().decode(bytes.subarray(0, 4096)));
			if (problem) throw new UnreadableResponseError(problem);
			return result;
		},
		// Low priority in the last step: it wraps the HTTP handler itself, inside the SDK's parser.
		{ step: 'deserialize', priority: 'low', name: 'stepcheckRefuseForeignAnswers' },
	);
}
