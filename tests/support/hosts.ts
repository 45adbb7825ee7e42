import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startChildService } from './child-service';
import { freePort } from './server';
import { toolEntry } from '../../scripts/tools.mjs';

/** Real host engines serving a build's `dist/client` on loopback, each with the rule file the build wrote for it. */

export interface RunningHost {
	url: string;
	stop: () => Promise<void>;
}

const NGINX_HINT =
	'nginx is needed for the host tests: install it with "sudo apt-get install -y nginx-light" or set NGINX_PATH to an nginx binary.';

/** Debian's nginx; as root on Debian the package is installed when missing, as .ci/run does. */
function findNginx(): string {
	const candidate = process.env.NGINX_PATH || '/usr/sbin/nginx';
	if (existsSync(candidate)) return candidate;
	if (!process.env.NGINX_PATH && process.getuid?.() === 0 && existsSync('/etc/debian_version')) {
		execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'nginx-light'], {
			stdio: 'inherit',
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		});
		if (existsSync(candidate)) return candidate;
	}
	throw new Error(NGINX_HINT);
}

/**
 * nginx in the foreground as this user (no master process, no daemon, every path in a
 * temporary prefix), serving `outDir/client` with `outDir/nginx-redirects.conf` included in
 * its server block, the way docs/deploying.md's nginx recipe does; under a base path the client
 * folder is served at that folder.
 */
export async function startNginx(outDir: string, base = '/'): Promise<RunningHost> {
	const nginx = findNginx();
	const prefix = mkdtempSync(join(tmpdir(), 'stepcheck-nginx-'));
	const port = await freePort();
	const config = join(prefix, 'nginx.conf');
	writeFileSync(
		config,
		`daemon off;
master_process off;
pid ${prefix}/nginx.pid;
error_log stderr warn;
events { worker_connections 64; }
http {
	include /etc/nginx/mime.types;
	access_log off;
	client_body_temp_path ${prefix}/body;
	proxy_temp_path ${prefix}/proxy;
	fastcgi_temp_path ${prefix}/fastcgi;
	uwsgi_temp_path ${prefix}/uwsgi;
	scgi_temp_path ${prefix}/scgi;
	server {
		listen 127.0.0.1:${port};
		${base === '/' ? `root ${resolve(outDir, 'client')};` : `location ${base} { alias ${resolve(outDir, 'client')}/; }`}
		include ${resolve(outDir, 'nginx-redirects.conf')};
		error_page 404 ${base}404.html;
	}
}
`,
	);
	const service = await startChildService({
		name: 'nginx',
		command: nginx,
		args: ['-p', prefix, '-c', config, '-e', 'stderr'],
		env: process.env,
		readyUrl: `http://127.0.0.1:${port}${base}`,
	});
	return {
		url: `http://127.0.0.1:${port}`,
		stop: async () => {
			await service.stop();
			rmSync(prefix, { recursive: true, force: true });
		},
	};
}

/**
 * Cloudflare's own local runtime: `wrangler pages dev` (pinned in tools/wrangler/, installed on
 * first use) runs the Pages
 * asset server on workerd, which reads `_redirects` as Cloudflare Pages does. It needs no
 * account and no network. Wrangler starts workerd as a child, so the whole process group is
 * stopped together.
 */
export async function startPagesDev(clientDir: string): Promise<RunningHost> {
	const port = await freePort();
	const state = mkdtempSync(join(tmpdir(), 'stepcheck-wrangler-'));
	mkdirSync(state, { recursive: true });
	const child = spawn(
		process.execPath,
		[
			toolEntry('wrangler'),
			'pages',
			'dev',
			resolve(clientDir),
			'--ip',
			'127.0.0.1',
			'--port',
			String(port),
			'--compatibility-date',
			'2024-09-23',
			'--persist-to',
			join(state, 'state'),
		],
		{
			cwd: state,
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
			env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1', NO_COLOR: '1', XDG_CONFIG_HOME: state },
		},
	);
	let log = '';
	child.stdout.on('data', (d) => (log += d));
	child.stderr.on('data', (d) => (log += d));
	const stop = () =>
		new Promise<void>((done) => {
			if (child.exitCode !== null || child.pid === undefined) return done();
			child.once('exit', () => done());
			process.kill(-child.pid, 'SIGTERM');
		}).then(() => rmSync(state, { recursive: true, force: true }));
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`wrangler pages dev exited early (code ${child.exitCode}):\n${log}`);
		try {
			await fetch(`${url}/`);
			return { url, stop };
		} catch {
			if (Date.now() > deadline) {
				await stop();
				throw new Error(`wrangler pages dev did not answer within 60 s:\n${log}`);
			}
			await new Promise((r) => setTimeout(r, 200));
		}
	}
}
