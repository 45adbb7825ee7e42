import { fingerprintOf, type BuildInputs } from './build-inputs.ts';
import type { BuildRecord, OutputFile } from './build-record.ts';

export type ReuseDecision = { reuse: true } | { reuse: false; reason: string };

/** "a, b, c and 4 more": a reason stays one line however much changed. */
function someOf(paths: string[]): string {
	const shown = paths.slice(0, 3).join(', ');
	return paths.length > 3 ? `${shown} and ${paths.length - 3} more` : shown;
}

/** What differs between the inputs of the last good build and today's, in words. */
function describeInputChange(before: BuildInputs, now: BuildInputs): string {
	const changes: string[] = [];
	const added = Object.keys(now.files).filter((path) => !(path in before.files));
	const removed = Object.keys(before.files).filter((path) => !(path in now.files));
	const edited = Object.keys(now.files).filter((path) => path in before.files && before.files[path] !== now.files[path]);
	if (edited.length > 0) changes.push(`changed: ${someOf(edited.sort())}`);
	if (added.length > 0) changes.push(`new: ${someOf(added.sort())}`);
	if (removed.length > 0) changes.push(`removed: ${someOf(removed.sort())}`);
	const names = [...new Set([...Object.keys(before.env), ...Object.keys(now.env)])].sort();
	const envChanged = names.filter((name) => before.env[name] !== now.env[name]);
	if (envChanged.length > 0) changes.push(`environment variables changed: ${someOf(envChanged)}`);
	if (before.node !== now.node) changes.push(`Node ${before.node} is now ${now.node}`);
	if (JSON.stringify(before.args) !== JSON.stringify(now.args))
		changes.push(`build arguments were "${before.args.join(' ')}", now "${now.args.join(' ')}"`);
	return changes.join('; ') || 'the sources changed';
}

/** The first difference between the output as recorded and as it is on disk, in words. */
export function describeOutputChange(recorded: OutputFile[], found: OutputFile[]): string | null {
	const onDisk = new Map(found.map((file) => [file.path, file]));
	for (const file of recorded) {
		const now = onDisk.get(file.path);
		if (!now) return `${file.path} is missing from it`;
		if (now.size !== file.size || now.mtimeMs !== file.mtimeMs) return `${file.path} was changed after the build wrote it`;
		onDisk.delete(file.path);
	}
	const extra = [...onDisk.keys()];
	return extra.length > 0 ? `${someOf(extra)} ${extra.length === 1 ? 'was' : 'were'} added to it after the build` : null;
}

/**
 * Whether the output can stand as it is. Anything short of certainty builds: no record (none
 * yet, or the last build failed or was stopped), other inputs, or an output that is not exactly
 * the files the record lists.
 * @param output the output folder's files now, null when the folder is missing
 */
export function decideReuse(
	record: BuildRecord | null,
	inputs: BuildInputs,
	output: OutputFile[] | null,
	{ outName, force = false }: { outName: string; force?: boolean },
): ReuseDecision {
	if (force) return { reuse: false, reason: '--force was given' };
	if (!record) return { reuse: false, reason: `there is no record of a finished build of ${outName}/ (none yet, or the last one failed)` };
	if (record.fingerprint !== fingerprintOf(inputs)) return { reuse: false, reason: describeInputChange(record.inputs, inputs) };
	if (!output) return { reuse: false, reason: `${outName}/ is missing` };
	const outputChange = describeOutputChange(record.output, output);
	if (outputChange) return { reuse: false, reason: `${outName}/ is not as the last build left it: ${outputChange}` };
	return { reuse: true };
}
