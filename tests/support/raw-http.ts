import { connect } from 'node:net';

/**
 * Sends bytes exactly as given (no client library to tidy a bad method, URL or header) and
 * resolves with the status code and the text of the answer, or 0 when the server closed the
 * connection without one.
 */
export function sendRawBytes(
	port: number,
	text: string | Buffer,
	host = '127.0.0.1',
): Promise<{ status: number; head: string; body: string }> {
	return new Promise((resolve, reject) => {
		const socket = connect(port, host);
		let answer = '';
		socket.setTimeout(5_000, () => socket.destroy(new Error('no answer within 5 s')));
		socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
		socket.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve(parse(answer)) : reject(error)));
		socket.on('end', () => resolve(parse(answer)));
		socket.on('close', () => resolve(parse(answer)));
		socket.write(text);
	});
}

function parse(answer: string) {
	const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0);
	const split = answer.indexOf('\r\n\r\n');
	const head = split === -1 ? answer : answer.slice(0, split);
	let body = split === -1 ? '' : answer.slice(split + 4);
	if (/^transfer-encoding:\s*chunked/im.test(head)) body = unchunk(body);
	return { status, head, body };
}

function unchunk(text: string): string {
	let out = '';
	let rest = text;
	for (;;) {
		const line = rest.indexOf('\r\n');
		const size = parseInt(rest.slice(0, line), 16);
		if (line === -1 || !size) return out;
		out += rest.slice(line + 2, line + 2 + size);
		rest = rest.slice(line + 2 + size + 2);
	}
}
