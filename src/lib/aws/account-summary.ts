import { GetAccountSummaryCommand, type IAMClient } from '@aws-sdk/client-iam';
import type { RootAccount } from '../checks/result-schema';
import { UnreadableResponseError } from './aws-errors';

/**
 * What `iam:GetAccountSummary` says about the root user. Any IAM administrator can read it,
 * and root reads it about itself.
 */
export async function readRootAccount(iam: IAMClient, signal: AbortSignal): Promise<RootAccount> {
	const map = (await iam.send(new GetAccountSummaryCommand({}), { abortSignal: signal })).SummaryMap ?? {};
	if (map.AccountMFAEnabled === undefined) throw new UnreadableResponseError('SummaryMap lacks AccountMFAEnabled');
	return {
		mfaEnabled: map.AccountMFAEnabled === 1,
		passwordPresent: map.AccountPasswordPresent !== 0,
		accessKeysPresent: map.AccountAccessKeysPresent === 1,
		signingCertificatesPresent: map.AccountSigningCertificatesPresent === 1,
	};
}
