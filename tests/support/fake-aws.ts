import { createServer, type Server } from 'node:http';
import { freePort } from './server';

/**
 * A small stand-in for IAM and STS that speaks the AWS Query protocol (form-encoded POST in,
 * XML out), for what moto cannot model: root callers, throttling, slow or broken answers.
 */
export interface FakeReply {
	status?: number;
	body: string;
	/** Wait this long before answering, to go past the client's time-outs. */
	delayMs?: number;
	/** `text/xml` unless set: a captive portal or a broken proxy answers with its own type. */
	contentType?: string;
	/** Reset the connection (TCP RST) instead of answering. */
	reset?: boolean;
}

export type FakeScript = Record<string, FakeReply | FakeReply[]>;

export interface RunningFake {
	url: string;
	/** Requests seen per action, in order. */
	calls: Record<string, number>;
	stop: () => Promise<void>;
}

const xmlns = (action: string) =>
	action === 'GetCallerIdentity' ? 'https://sts.amazonaws.com/doc/2011-06-15/' : 'https://iam.amazonaws.com/doc/2010-05-08/';

export function callerIdentity(arn: string, account = '123456789012'): FakeReply {
	return {
		body: `<GetCallerIdentityResponse xmlns="${xmlns('GetCallerIdentity')}"><GetCallerIdentityResult><Arn>${arn}</Arn><UserId>AIDAFAKE</UserId><Account>${account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>fake-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
	};
}

/** IAM's answer to GetAccountPasswordPolicy, with the fields given (as IAM names them). */
export function passwordPolicy(fields: Record<string, number | boolean>): FakeReply {
	const members = Object.entries(fields)
		.map(([key, value]) => `<${key}>${value}</${key}>`)
		.join('');
	return {
		body: `<GetAccountPasswordPolicyResponse xmlns="${xmlns('GetAccountPasswordPolicy')}"><GetAccountPasswordPolicyResult><PasswordPolicy>${members}</PasswordPolicy></GetAccountPasswordPolicyResult><ResponseMetadata><RequestId>fake-pp</RequestId></ResponseMetadata></GetAccountPasswordPolicyResponse>`,
	};
}

export function accountSummary(map: Record<string, number>): FakeReply {
	const entries = Object.entries(map)
		.map(([key, value]) => `<entry><key>${key}</key><value>${value}</value></entry>`)
		.join('');
	return {
		body: `<GetAccountSummaryResponse xmlns="${xmlns('GetAccountSummary')}"><GetAccountSummaryResult><SummaryMap>${entries}</SummaryMap></GetAccountSummaryResult><ResponseMetadata><RequestId>fake-2</RequestId></ResponseMetadata></GetAccountSummaryResponse>`,
	};
}

/** A web page answering with 200, as a captive portal or a misconfigured proxy does. */
export const htmlPage: FakeReply = {
	contentType: 'text/html; charset=utf-8',
	body: '<!DOCTYPE html><html><head><title>Sign in to the network</title></head><body><p>Accept the terms to continue.</p></body></html>',
};

export function awsError(code: string, status: number, message = `${code} from the fake`): FakeReply {
	return {
		status,
		body: `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>fake-err</RequestId></ErrorResponse>`,
	};
}

/** Starts the fake on a free loopback port; each action answers from its script, the last reply repeating. */
export async function startFakeAws(script: FakeScript): Promise<RunningFake> {
	const calls: Record<string, number> = {};
	const server: Server = createServer((request, response) => {
		let body = '';
		request.on('data', (chunk) => (body += chunk));
		request.on('end', () => {
			const action = new URLSearchParams(body).get('Action') ?? '(none)';
			const seen = calls[action] ?? 0;
			calls[action] = seen + 1;
			const entry = script[action];
			const replies = Array.isArray(entry) ? entry : entry ? [entry] : [];
			const reply = replies[Math.min(seen, replies.length - 1)] ?? awsError('InvalidAction', 400, `The fake has no script for ${action}`);
			const send = () => {
				if (response.destroyed) return;
				if (reply.reset) {
					request.socket.resetAndDestroy();
					return;
				}
				response.writeHead(reply.status ?? 200, { 'Content-Type': reply.contentType ?? 'text/xml' });
				response.end(reply.body);
			};
			if (reply.delayMs) setTimeout(send, reply.delayMs);
			else send();
		});
	});
	const port = await freePort();
	await new Promise<void>((ready) => server.listen(port, '127.0.0.1', ready));
	return {
		url: `http://127.0.0.1:${port}`,
		calls,
		stop: () =>
			new Promise((done) => {
				server.closeAllConnections();
				server.close(() => done());
			}),
	};
}
