import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
// Every module is imported statically: a dynamic import() inside the one-file bundle makes
// esbuild wrap the modules it reaches and keep every export they have (every IAM command,
// all of zod), which once made the file a third larger.
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { createAwsClients } from '../lib/aws/aws-clients';
import { toCheckError } from '../lib/aws/aws-errors';
import { answerClientError } from '../lib/http/wire-screen';
import { startIdleTimer } from './idle-timer';
import { parseCompanionArgs, usage, type CompanionDefaults } from './options';
import { createCompanionHandler } from './server';
import { COMPANION_STATUS_PATH } from './settings';

/**
 * `node stepcheck-companion.mjs`: the live checks of the published site, answered on the
 * reader's own computer with the reader's own AWS credentials. Bundled into one file by
 * `src/integrations/companion-file.ts`, which replaces `__STEPCHECK_COMPANION__`.
 */
declare const __STEPCHECK_COMPANION__: CompanionDefaults;

const say = (line: string) => process.stdout.write(`${line}\n`);
const time = () => new Date().toTimeString().slice(0, 8);

function listen(server: Server, port: number, host: string): Promise<void> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
}

async function printIdentity() {
	try {
		const { sts } = await createAwsClients();
		const answer = await sts.send(new GetCallerIdentityCommand({}));
		say(`AWS identity: account ${answer.Account ?? 'unknown'}, ${answer.Arn ?? 'unknown ARN'}`);
	} catch (error) {
		// The same teaching message a check shows; never the SDK's raw text or a stack.
		say(`AWS identity: not available. ${toCheckError('sts:GetCallerIdentity', error).message}`);
		say('The checks will say the same until you sign in (for example aws sso login, or AWS_PROFILE=name).');
	}
}

async function main() {
	const defaults = __STEPCHECK_COMPANION__;
	const parsed = parseCompanionArgs(process.argv.slice(2), defaults);
	if (!parsed.ok) {
		process.stderr.write(`${parsed.error}\n`);
		process.exit(2);
	}
	if ('help' in parsed) {
		say(usage(defaults));
		return;
	}
	const { options } = parsed;
	const stop = (reason: string) => {
		say(`${reason} Stepcheck companion stopped.`);
		process.exit(0);
	};
	// Started before the port opens; it only needs to stop a companion nobody talks to.
	const idle = startIdleTimer(() => stop('No request for 15 minutes.'));
	const handle = createCompanionHandler({
		...options,
		version: defaults.version,
		log: (line) => say(`${time()} ${line}`),
		onRequest: () => idle.touch(),
	});
	const handler = (req: IncomingMessage, res: ServerResponse) =>
		void handle(req, res).catch(() => {
			if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
			res.end('{"error":{"code":"internal","message":"The companion failed unexpectedly."}}');
		});
	// A last wall: whatever slips through is one line without a stack (which would print this
	// computer's paths), and the companion keeps serving.
	for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
		process.on(event, (error: unknown) =>
			say(`${time()} Unexpected ${error instanceof Error ? error.name : typeof error}; still serving.`),
		);
	}
	const servers = [createServer(handler), createServer(handler)];
	// CONNECT never reaches the request handler; without this, Node would drop the socket unanswered.
	const tunnelRefusal = JSON.stringify({ error: { code: 'method-not-allowed', message: 'The companion answers GET, POST and OPTIONS.' } });
	for (const server of servers) {
		server.on('clientError', answerClientError);
		server.on('connect', (_req: IncomingMessage, socket: Duplex) =>
			socket.end(
				`HTTP/1.1 405 Method Not Allowed\r\nContent-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(tunnelRefusal)}\r\n\r\n${tunnelRefusal}`,
			),
		);
	}
	try {
		await listen(servers[0]!, options.port, '127.0.0.1');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		process.stderr.write(
			code === 'EADDRINUSE'
				? `Port ${options.port} is in use (another companion?). Stop it, or start this one with --port ${options.port + 1} and open the guide with ?companion-port=${options.port + 1}.\n`
				: `Could not listen on 127.0.0.1:${options.port} (${code ?? 'unknown error'}).\n`,
		);
		process.exit(1);
	}
	// IPv6 loopback is a bonus: a machine without it still has 127.0.0.1.
	await listen(servers[1]!, options.port, '::1').catch(() => servers[1]!.close());
	process.on('SIGINT', () => stop('Ctrl+C.'));
	process.on('SIGTERM', () => stop('Terminated.'));
	say(`Stepcheck companion ${defaults.version} listening on http://127.0.0.1:${options.port} (status: ${COMPANION_STATUS_PATH})`);
	say(`Answers pages from: ${options.origins.join(', ')}`);
	if (options.port !== defaults.port)
		say(`Not the default port: open the guide with ?companion-port=${options.port} so the page finds it.`);
	say('Stop it with Ctrl+C; it also stops by itself after 15 minutes without a request.');
	await printIdentity();
}

void main();
