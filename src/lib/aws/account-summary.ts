import { GetAccountSummaryCommand, type IAMClient } from '@aws-sdk/client-iam';
import type { RootAccount } from '../checks/result-schema';
import { UnreadableResponseError } from './aws-errors';

/**
 * What `iam:GetAccountSummary` says about the root user. Any IAM administrator can read it,
 * and root reads it about itself.
 */
export async function readRootAccount(iam: IAMClient, signal: AbortSignal): Promise<RootAccount> {
	const root = rootAccountFromSummary((await iam.send(new GetAccountSummaryCommand({}), { abortSignal: signal })).SummaryMap ?? {});
	if (!root) throw new UnreadableResponseError('SummaryMap lacks AccountMFAEnabled');
	return root;
}

/** The same reading of a `SummaryMap` the CLI printed (CloudShell paste mode); null without the MFA field. */
export function rootAccountFromSummary(map: Partial<Record<string, number>>): RootAccount | null {
	if (map.AccountMFAEnabled === undefined) return null;
	return {
		mfaEnabled: map.AccountMFAEnabled === 1,
		passwordPresent: map.AccountPasswordPresent !== 0,
		accessKeysPresent: map.AccountAccessKeysPresent === 1,
		signingCertificatesPresent: map.AccountSigningCertificatesPresent === 1,
	};
}
