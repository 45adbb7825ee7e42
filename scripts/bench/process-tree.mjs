// @ts-check
/**
 * Wall time, CPU time and peak memory of a command and every process it starts.
 *
 * CPU time comes from this process's own `/proc/self/stat` cutime + cstime before and after
 * the command: the kernel adds a child's CPU time (and that of every descendant it waited for)
 * there when the child is reaped, so short-lived workers are counted too, which sampling would miss.
 * Peak memory cannot be had that way for a tree (ru_maxrss is per process), so the tree's
 * resident set (VmRSS of the command and all its descendants, summed) is sampled every 100 ms.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Fields of `/proc/<pid>/stat` the bench needs. The command name can hold spaces and
 * parentheses, so fields are counted from the last `)`.
 * @param {string} text
 * @returns {{ pid: number, ppid: number, utime: number, stime: number, cutime: number, cstime: number }}
 */
export function parseProcStat(text) {
	const close = text.lastIndexOf(')');
	if (close < 0) throw new Error(`Not a /proc/<pid>/stat line (no ")" after the command name): ${text.slice(0, 80)}`);
	const pid = Number(text.slice(0, text.indexOf('(')).trim());
	// After ")": state(3) ppid(4) ... utime(14) stime(15) cutime(16) cstime(17), numbered as in proc(5).
	const rest = text
		.slice(close + 2)
		.trim()
		.split(/\s+/);
	const field = (/** @type {number} */ n) => Number(rest[n - 3]);
	return { pid, ppid: field(4), utime: field(14), stime: field(15), cutime: field(16), cstime: field(17) };
}

/**
 * Resident memory in bytes from `/proc/<pid>/status` (VmRSS is given in kB); 0 for kernel threads and zombies.
 * @param {string} text
 */
export function parseVmRss(text) {
	const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(text);
	return match ? Number(match[1]) * 1024 : 0;
}

/**
 * The pids of `root` and all its descendants, from a parent map.
 * @param {number} root
 * @param {ReadonlyMap<number, number>} parentOf pid → ppid
 * @returns {number[]}
 */
export function descendantsOf(root, parentOf) {
	/** @type {Map<number, number[]>} */
	const children = new Map();
	for (const [pid, ppid] of parentOf) {
		const list = children.get(ppid) ?? [];
		list.push(pid);
		children.set(ppid, list);
	}
	const out = [root];
	for (let i = 0; i < out.length; i += 1) {
		for (const child of children.get(/** @type {number} */ (out[i])) ?? []) out.push(child);
	}
	return out;
}

/** @param {string} path */
function readOrEmpty(path) {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return ''; // the process ended between listing and reading
	}
}

function parentMap() {
	/** @type {Map<number, number>} */
	const map = new Map();
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		const text = readOrEmpty(`/proc/${name}/stat`);
		if (text) map.set(Number(name), parseProcStat(text).ppid);
	}
	return map;
}

/** Resident bytes of a process tree right now. @param {number} root */
function treeRss(root) {
	let total = 0;
	for (const pid of descendantsOf(root, parentMap())) total += parseVmRss(readOrEmpty(`/proc/${pid}/status`));
	return total;
}

let ticksPerSecond = 0;
function clockTicks() {
	if (!ticksPerSecond) ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
	return ticksPerSecond;
}

/** CPU milliseconds of this process's reaped children so far. */
function reapedChildrenCpuMs() {
	const stat = parseProcStat(readFileSync('/proc/self/stat', 'utf8'));
	return ((stat.cutime + stat.cstime) * 1000) / clockTicks();
}

/**
 * @typedef {{ wallMs: number, cpuMs: number, peakRssBytes: number, exitCode: number | null, output: string }} CommandMeasure
 */

/**
 * Runs a command to its end while measuring it. Lines of output go to `onLine` as they come.
 * @param {{ command: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv, onLine?: (line: string) => void, sampleMs?: number }} options
 * @returns {Promise<CommandMeasure>}
 */
export function measureCommand({ command, args, cwd, env, onLine, sampleMs = 100 }) {
	return new Promise((resolvePromise, reject) => {
		const cpuBefore = reapedChildrenCpuMs();
		const started = performance.now();
		const child = spawn(command, args, { cwd, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		let pending = '';
		/** @param {Buffer} chunk */
		const collect = (chunk) => {
			const text = chunk.toString();
			output += text;
			pending += text;
			const lines = pending.split('\n');
			pending = lines.pop() ?? '';
			if (onLine) for (const line of lines) onLine(line);
		};
		child.stdout.on('data', collect);
		child.stderr.on('data', collect);
		let peak = 0;
		const sample = () => {
			if (child.pid) peak = Math.max(peak, treeRss(child.pid));
		};
		const timer = setInterval(sample, sampleMs);
		child.once('error', (error) => {
			clearInterval(timer);
			reject(new Error(`Could not start ${command} ${args.join(' ')} in ${cwd}: ${error.message}`));
		});
		child.once('close', (code) => {
			clearInterval(timer);
			if (pending && onLine) onLine(pending);
			resolvePromise({
				wallMs: performance.now() - started,
				cpuMs: reapedChildrenCpuMs() - cpuBefore,
				peakRssBytes: peak,
				exitCode: code,
				output,
			});
		});
	});
}
