import { createServer, request as forward, type IncomingHttpHeaders, type Server } from 'node:http';
import type { FakeReply } from './fake-aws';
import { freePort } from './server';

/**
 * A recording front for moto: every request the AWS CLI sends is written down (service,
 * action, parameters, when), then passed to moto, or answered here for the actions moto
 * does not model (the Query-protocol fake's job). Tests read the record to check what the
 * CLI really sent, which is how a guide's command is shown to do what the guide says.
 */

export interface RecordedRequest {
	/** The signing name from the Authorization header: iam, sts, organizations. */
	service: string;
	action: string;
	/** Query-protocol form fields (PolicyInputList.member.1 …), or the top-level fields of a JSON-protocol body. */
	params: Record<string, unknown>;
	at: number;
	status: number;
	/** The access key the request was signed with, and whether it carried a session token (temporary credentials). */
	accessKeyId: string;
	sessionToken: boolean;
	/** Refused by the gate, as the policy under test would refuse it in a real account. */
	refused?: true;
}

/** Answers for actions moto lacks, by `service:Action`; a function sees the request first. */
export type Replies = Record<string, FakeReply | ((request: RecordedRequest) => FakeReply | Promise<FakeReply>)>;

/**
 * Sees every request before moto does; a reply (an access denied) refuses it. moto does not
 * enforce IAM policies, so this is how a test makes a policy's deny real for the CLI.
 */
export type Gate = (request: RecordedRequest) => FakeReply | null | Promise<FakeReply | null>;

export interface RecordingAws {
	url: string;
	requests: RecordedRequest[];
	stop: () => Promise<void>;
}

function serviceOf(headers: IncomingHttpHeaders): string {
	return /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(String(headers.authorization ?? ''))?.[1] ?? 'unknown';
}

function parse(
	headers: IncomingHttpHeaders,
	body: string,
	method = 'GET',
	path = '/',
): { action: string; params: Record<string, unknown> } {
	// S3 speaks REST: the one call the guides make, `aws s3 ls`, is a GET of the service root.
	if (serviceOf(headers) === 's3')
		return { action: method === 'GET' && path.split('?')[0] === '/' ? 'ListBuckets' : `${method} ${path}`, params: {} };
	const target = headers['x-amz-target'];
	if (typeof target === 'string') {
		const params = body ? (JSON.parse(body) as Record<string, unknown>) : {};
		return { action: target.split('.').pop()!, params };
	}
	const form = Object.fromEntries(new URLSearchParams(body));
	const { Action: action = '(none)', Version: _version, ...params } = form;
	return { action, params };
}

export async function startRecordingAws(motoUrl: string, replies: Replies = {}, gate?: Gate): Promise<RecordingAws> {
	const requests: RecordedRequest[] = [];
	const moto = new URL(motoUrl);
	const server: Server = createServer((incoming, outgoing) => {
		const chunks: Buffer[] = [];
		incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
		incoming.on('end', async () => {
			const raw = Buffer.concat(chunks);
			const { action, params } = parse(incoming.headers, raw.toString('utf8'), incoming.method, incoming.url);
			const record: RecordedRequest = {
				service: serviceOf(incoming.headers),
				action,
				params,
				at: Date.now(),
				status: 0,
				accessKeyId: /Credential=([^/]+)\//.exec(String(incoming.headers.authorization ?? ''))?.[1] ?? '',
				sessionToken: Boolean(incoming.headers['x-amz-security-token']),
			};
			requests.push(record);
			const refusal = gate ? await gate(record) : null;
			if (refusal) record.refused = true;
			const scripted = refusal ?? replies[`${record.service}:${action}`];
			if (scripted) {
				const reply = typeof scripted === 'function' ? await scripted(record) : scripted;
				record.status = reply.status ?? 200;
				outgoing.writeHead(record.status, { 'Content-Type': reply.body.startsWith('{') ? 'application/x-amz-json-1.1' : 'text/xml' });
				outgoing.end(reply.body);
				return;
			}
			const proxied = forward(
				{ host: moto.hostname, port: moto.port, path: incoming.url, method: incoming.method, headers: incoming.headers },
				(answer) => {
					record.status = answer.statusCode ?? 0;
					outgoing.writeHead(record.status, answer.headers);
					answer.pipe(outgoing);
				},
			);
			proxied.on('error', (error) => {
				record.status = 502;
				outgoing.writeHead(502);
				outgoing.end(`moto did not answer: ${error.message}`);
			});
			proxied.end(raw);
		});
	});
	const port = await freePort();
	await new Promise<void>((ready) => server.listen(port, '127.0.0.1', ready));
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		stop: () =>
			new Promise((done) => {
				server.closeAllConnections();
				server.close(() => done());
			}),
	};
}
