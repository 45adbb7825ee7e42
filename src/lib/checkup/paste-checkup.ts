import { findCloudShellCheck, readPaste, type CloudShellCheck, type PasteOutcome } from '../checks/cloudshell';
import type { CouldNotCheckCause } from '../checks/result-schema';
import type { CheckTransport } from '../live/check-transport';
import type { CheckupCheck } from './checkup-catalog';

/**
 * The checkup from AWS CloudShell: one read-only command runs every check that can run
 * there, each after a marker line, and one paste of everything it printed feeds the same
 * run-all logic as the server does. Each section is read by paste mode's own parser, so a
 * check decides exactly as it does alone.
 */

const MARKER = /^=+ stepcheck ([a-z0-9-]+) =+\s*$/gm;
const marker = (id: string) => `===== stepcheck ${id} =====`;

/** Paste mode's command for a check, or null when CloudShell cannot run it. */
function commandOf(id: string): string | null {
	const found = findCloudShellCheck(id);
	return found && 'command' in found ? (found as CloudShellCheck).command : null;
}

/** The checks the command covers, in the order given (the catalog's). */
export function pasteCheckIds(ids: readonly string[]): string[] {
	return ids.filter((id) => commandOf(id) !== null);
}

/**
 * One command for CloudShell: each check's own read-only command in a subshell (so their
 * shell variables never meet), after a line that names the check. Its errors go with its
 * output, so whatever copies the terminal keeps each message in its check's part.
 */
export function checkupPasteCommand(ids: readonly string[]): string {
	return pasteCheckIds(ids)
		.map((id) => `echo '${marker(id)}'\n(\n${commandOf(id)}\n) 2>&1`)
		.join('\n');
}

/** What the command printed, cut at the marker lines: check id → its output. */
export function splitCheckupPaste(text: string): Map<string, string> {
	const sections = new Map<string, string>();
	const markers = [...text.matchAll(MARKER)];
	markers.forEach((match, index) => {
		const start = match.index + match[0].length;
		const end = markers[index + 1]?.index ?? text.length;
		sections.set(match[1]!, text.slice(start, end).trim());
	});
	return sections;
}

const PASTE_PROBLEM_CAUSES: Record<Exclude<PasteOutcome, { ok: true }>['problem'], CouldNotCheckCause> = {
	empty: 'unexpected',
	truncated: 'unexpected',
	'other-output': 'unexpected',
	'cli-error': 'credentials-rejected',
	'access-denied': 'access-denied',
};

/** Answers each check from one paste; a check CloudShell cannot run says why, as not applicable. */
export function pasteTransport(text: string, now: () => Date = () => new Date()): CheckTransport<CheckupCheck> {
	const sections = splitCheckupPaste(text);
	return async (check) => {
		const found = findCloudShellCheck(check.id);
		if (found && 'reason' in found) return { kind: 'unsupported', cause: 'unsupported-path', message: found.reason };
		if (!found) {
			return {
				kind: 'unsupported',
				cause: 'unsupported-path',
				message: `The ${check.title} has no CloudShell command yet. Run it from its guide with Stepcheck or the companion, or check by hand.`,
			};
		}
		const section = sections.get(check.id);
		if (section === undefined) {
			return {
				kind: 'refused',
				status: 0,
				cause: 'unexpected',
				message:
					sections.size === 0
						? 'This is not the output of the checkup command: copy the command again, run it in CloudShell and paste everything it printed.'
						: `The paste has no output for this check${check.accountWide ? ': tick the box before copying the command, so it includes this check' : ''}. Run the command again and paste all of it.`,
			};
		}
		const outcome = readPaste(check.id, section, { policy: null, now: now() });
		if (outcome.ok) return { kind: 'result', status: 200, body: outcome.result };
		return { kind: 'refused', status: 0, message: outcome.message, cause: PASTE_PROBLEM_CAUSES[outcome.problem] };
	};
}
