import { GenerateCredentialReportCommand, GetCredentialReportCommand } from '@aws-sdk/client-iam';
import type { AwsClients } from './aws-clients';
import { HTTP_STATUS_FOR_ERROR, UnreadableResponseError } from './aws-errors';
import { summarizeCredentialReport } from './credential-report';
import { MFA_STATUS_SCHEMA_VERSION, type AccountPosture, type CheckError, type CredentialReportSummary } from './mfa-status-schema';
import { attempt, policyIfDenied, whoAmI, type CheckOutcome } from './run-mfa-check';

export interface ReportPolling {
	/** Longest wait for AWS to finish generating the report. */
	maxWaitMs: number;
	intervalMs: number;
}
export const DEFAULT_REPORT_POLLING: ReportPolling = { maxWaitMs: 6_000, intervalMs: 1_000 };

const pause = (ms: number, signal: AbortSignal) =>
	new Promise<void>((resolve, reject) => {
		const timer = setTimeout(resolve, ms);
		signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
	});

class ReportStillGenerating extends Error {
	override name = 'ReportInProgress';
}

/** Asks AWS for a fresh report and polls, within a bounded wait, until it is complete. */
async function generateReport(clients: AwsClients, signal: AbortSignal, polling: ReportPolling): Promise<void> {
	const started = Date.now();
	for (;;) {
		const generated = await clients.iam.send(new GenerateCredentialReportCommand({}), { abortSignal: signal });
		if (generated.State === 'COMPLETE') return;
		if (Date.now() - started + polling.intervalMs > polling.maxWaitMs)
			throw new ReportStillGenerating('credential report still generating');
		await pause(polling.intervalMs, signal);
	}
}

async function readReport(clients: AwsClients, signal: AbortSignal, now: () => Date): Promise<CredentialReportSummary> {
	const report = await clients.iam.send(new GetCredentialReportCommand({}), { abortSignal: signal });
	const csv = new TextDecoder().decode(report.Content ?? new Uint8Array());
	try {
		return summarizeCredentialReport(csv, report.GeneratedTime ?? now(), now());
	} catch (error) {
		throw new UnreadableResponseError(error instanceof Error ? error.message : String(error));
	}
}

/**
 * The account posture (opt-in): users with a console password and no MFA (IAM.5), users
 * without MFA (IAM.19) and the root row, from the credential report, generated if needed.
 */
export async function runAccountCheck(
	clients: AwsClients,
	signal: AbortSignal,
	polling: ReportPolling = DEFAULT_REPORT_POLLING,
	now: () => Date = () => new Date(),
): Promise<CheckOutcome<AccountPosture>> {
	const who = await whoAmI(clients, signal);
	const checkedAt = () => now().toISOString();
	if (!who.ok) {
		const identity = { type: 'unknown' as const, arn: null, account: null, partition: null };
		return {
			status: HTTP_STATUS_FOR_ERROR[who.error.code],
			body: {
				schemaVersion: MFA_STATUS_SCHEMA_VERSION,
				identity,
				report: null,
				errors: [who.error],
				minimalPolicy: null,
				checkedAt: checkedAt(),
			},
		};
	}
	const identity = who.value;
	const errors: CheckError[] = [];
	let report: CredentialReportSummary | null = null;
	const generated = await attempt('iam:GenerateCredentialReport', () => generateReport(clients, signal, polling));
	if (!generated.ok) errors.push(generated.error);
	else {
		const read = await attempt('iam:GetCredentialReport', () => readReport(clients, signal, now));
		if (read.ok) report = read.value;
		else errors.push(read.error);
	}
	return {
		status: errors[0] ? HTTP_STATUS_FOR_ERROR[errors[0].code] : 200,
		body: {
			schemaVersion: MFA_STATUS_SCHEMA_VERSION,
			identity,
			report,
			errors,
			minimalPolicy: policyIfDenied(errors, identity.partition),
			checkedAt: checkedAt(),
		},
	};
}
