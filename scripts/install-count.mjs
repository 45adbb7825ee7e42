// @ts-check
/**
 * What `npm ci` installs from a package-lock.json (lockfile v2/v3) on one platform, read without
 * installing: the packages reachable from the root, where an optional package built for another
 * os, cpu or libc is skipped, and so is everything only it needed (npm prunes those too, which a
 * plain count of the lock's entries would miss: the wasm32 fallbacks' helpers, for one).
 */

/**
 * @typedef {{ version?: string, dependencies?: Record<string, string>, optionalDependencies?: Record<string, string>,
 *   devDependencies?: Record<string, string>, peerDependencies?: Record<string, string>,
 *   peerDependenciesMeta?: Record<string, { optional?: boolean }>, os?: string[], cpu?: string[], libc?: string[],
 *   optional?: boolean }} LockEntry
 * @typedef {{ packages: Record<string, LockEntry> }} Lock
 * @typedef {{ os: string, cpu: string, libc: string }} Platform
 */

/** npm's rule for `os`/`cpu`/`libc`: a list of allowed values, or of `!value` exclusions. @param {string[] | undefined} list @param {string} value */
function allows(list, value) {
	if (!list || list.length === 0) return true;
	if (list.some((item) => item.startsWith('!'))) return !list.includes(`!${value}`);
	return list.includes(value);
}

/** @param {LockEntry} entry @param {Platform} platform */
const fitsPlatform = (entry, platform) =>
	allows(entry.os, platform.os) && allows(entry.cpu, platform.cpu) && allows(entry.libc, platform.libc);

/**
 * Where Node would find `name` required from the package at `from`: its own node_modules, then
 * each enclosing one, up to the root's.
 * @param {Lock} lock @param {string} from @param {string} name
 */
function resolveIn(lock, from, name) {
	let base = from;
	for (;;) {
		const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
		if (lock.packages[candidate]) return candidate;
		if (base === '') return null;
		const cut = base.lastIndexOf('/node_modules/');
		base = cut === -1 ? '' : base.slice(0, cut);
	}
}

/**
 * The lock paths (`node_modules/…`) `npm ci` installs on `platform`.
 * @param {Lock} lock
 * @param {Platform} platform
 * @param {{ without?: string[] }} [options] direct dependencies to leave out, to see what each one brings
 * @returns {Set<string>}
 */
export function installedPackages(lock, platform, { without = [] } = {}) {
	const root = lock.packages[''] ?? {};
	const installed = new Set();
	/** @type {{ from: string, name: string, optional: boolean }[]} */
	const queue = [];
	/** @param {string} from @param {LockEntry} entry @param {boolean} isRoot */
	const enqueue = (from, entry, isRoot) => {
		const groups = /** @type {const} */ ([
			['dependencies', false],
			['optionalDependencies', true],
			...(isRoot ? /** @type {const} */ ([['devDependencies', false]]) : []),
			['peerDependencies', false],
		]);
		for (const [group, optional] of groups) {
			for (const name of Object.keys(entry[group] ?? {})) {
				if (isRoot && without.includes(name)) continue;
				if (group === 'peerDependencies' && entry.peerDependenciesMeta?.[name]?.optional) continue;
				queue.push({ from, name, optional });
			}
		}
	};
	enqueue('', root, true);
	while (queue.length > 0) {
		const { from, name, optional } = /** @type {(typeof queue)[number]} */ (queue.shift());
		const path = resolveIn(lock, from, name);
		if (path === null || installed.has(path)) continue;
		const entry = /** @type {LockEntry} */ (lock.packages[path]);
		if (!fitsPlatform(entry, platform)) {
			if (optional || entry.optional) continue;
		}
		installed.add(path);
		enqueue(path, entry, false);
	}
	return installed;
}

/**
 * For each direct dependency, how many packages `npm ci` would no longer install without it
 * (what it alone brings), largest first.
 * @param {Lock} lock @param {Platform} platform
 * @returns {{ name: string, packages: number }[]}
 */
export function directDependencyWeights(lock, platform) {
	const root = lock.packages[''] ?? {};
	const total = installedPackages(lock, platform).size;
	const names = Object.keys({ ...root.dependencies, ...root.optionalDependencies, ...root.devDependencies });
	return names
		.map((name) => ({ name, packages: total - installedPackages(lock, platform, { without: [name] }).size }))
		.sort((a, b) => b.packages - a.packages || a.name.localeCompare(b.name));
}

/** This machine, as npm sees it for `os`, `cpu` and `libc`. @returns {Platform} */
export function currentPlatform() {
	const header = /** @type {{ header?: { glibcVersionRuntime?: string } }} */ (process.report?.getReport() ?? {}).header;
	return { os: process.platform, cpu: process.arch, libc: header?.glibcVersionRuntime ? 'glibc' : 'musl' };
}
