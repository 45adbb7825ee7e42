import { GenerateCredentialReportCommand, GetCredentialReportCommand, type IAMClient } from '@aws-sdk/client-iam';
import { UnreadableResponseError } from '../aws/aws-errors';
import { stepAdvice } from './advice';
import type { CheckDefinition, DeclaredCall, Decision } from './check-definition';
import type { Fact } from './result-schema';

/**
 * What every check built on the IAM credential report shares: the calls it declares, how it
 * asks AWS for a fresh report and reads it, the manual commands and the report's own facts.
 */

const CREDENTIAL_REPORT_CALLS: DeclaredCall[] = [
	{ action: 'sts:GetCallerIdentity', resource: 'account', needsPermission: false, reason: 'it needs no permission.' },
	{ action: 'iam:GenerateCredentialReport', resource: 'account' },
	{ action: 'iam:GetCredentialReport', resource: 'account' },
];

/**
 * The parts of the definition every credential report check shares. POST, with its own limit
 * per client: each asks AWS to generate the account's report.
 */
export const CREDENTIAL_REPORT_CHECK = {
	method: 'POST',
	calls: CREDENTIAL_REPORT_CALLS,
	rateLimit: { capacity: 3, refillPerMinute: 3 },
	nothingRead: null,
} as const;

const CREDENTIAL_REPORT_DOCS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html';

/** The manual commands: generate the report, then print it as CSV. */
export function credentialReportManual(columns: string): CheckDefinition<unknown, never>['manual'] {
	return [
		{
			text: `Generate the credential report, then read it (${columns}):`,
			command: 'aws iam generate-credential-report\naws iam get-credential-report --query Content --output text | base64 --decode',
		},
	];
}

/** The longest wait for AWS to finish generating the report, and the pause between asks. */
const REPORT_POLLING = { maxWaitMs: 6_000, intervalMs: 1_000 };

const pause = (ms: number, signal: AbortSignal) =>
	new Promise<void>((resolve, reject) => {
		const timer = setTimeout(resolve, ms);
		signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
	});

class ReportStillGenerating extends Error {
	override name = 'ReportInProgress';
}

/** Asks AWS for a fresh report and polls, within a bounded wait, until it is complete. */
async function generateReport(iam: IAMClient, signal: AbortSignal): Promise<void> {
	const started = Date.now();
	for (;;) {
		const generated = await iam.send(new GenerateCredentialReportCommand({}), { abortSignal: signal });
		if (generated.State === 'COMPLETE') return;
		if (Date.now() - started + REPORT_POLLING.intervalMs > REPORT_POLLING.maxWaitMs)
			throw new ReportStillGenerating('credential report still generating');
		await pause(REPORT_POLLING.intervalMs, signal);
	}
}

/** Turns the report's CSV into a check's answers; throws when the CSV is not the report. */
type ReadReport<T> = (csv: string, generatedAt: Date, now: Date) => T;

async function readReport<T>(iam: IAMClient, signal: AbortSignal, now: () => Date, read: ReadReport<T>): Promise<T> {
	const report = await iam.send(new GetCredentialReportCommand({}), { abortSignal: signal });
	const csv = new TextDecoder().decode(report.Content ?? new Uint8Array());
	try {
		return read(csv, report.GeneratedTime ?? now(), now());
	} catch (error) {
		throw new UnreadableResponseError(error instanceof Error ? error.message : String(error));
	}
}

/** The `gather` of a credential report check: generate, then read; either failure stops the check. */
export function gatherCredentialReport<T>(read: ReadReport<T>): CheckDefinition<T | null, never>['gather'] {
	return async ({ attempt, clients, signal, now }) => {
		const { iam } = await clients();
		const generated = await attempt('iam:GenerateCredentialReport', () => generateReport(iam, signal));
		if (!generated.ok) return { answers: null, errors: [generated.error], stopped: true };
		const fetched = await attempt('iam:GetCredentialReport', () => readReport(iam, signal, now, read));
		return fetched.ok ? { answers: fetched.value, errors: [] } : { answers: null, errors: [fetched.error], stopped: true };
	};
}

function ageText(seconds: number): string {
	const hours = Math.floor(seconds / 3600);
	const minutes = Math.round((seconds % 3600) / 60);
	return `${hours > 0 ? `${hours} h ` : ''}${minutes} min ago`;
}

/** How many users the report holds and how old it is, the first facts of every report check. */
export function reportFacts(report: { userCount: number; generatedAt: string; ageSeconds: number }): Fact[] {
	return [
		{ label: 'Users in the report', value: String(report.userCount) },
		{
			label: 'Report generated',
			value: `${report.generatedAt} (${ageText(report.ageSeconds)}; AWS regenerates it at most every four hours)`,
		},
	];
}

/** The decision when the report could not be read: the guide's step that reads it by hand, with AWS's page on the report. */
export function reportUnreadable(byHand: Omit<Parameters<typeof stepAdvice>[0], 'docsUrl'>): Decision {
	return {
		verdict: 'unknown',
		summary: 'Could not read the credential report.',
		facts: [],
		advice: [stepAdvice({ ...byHand, docsUrl: CREDENTIAL_REPORT_DOCS })],
	};
}
