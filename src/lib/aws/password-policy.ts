import { GetAccountPasswordPolicyCommand, type IAMClient } from '@aws-sdk/client-iam';
import type { PasswordPolicy } from '../checks/result-schema';
import { passwordPolicyFromFields } from './password-policy-fields';
import { UnreadableResponseError } from './aws-errors';

const isNoSuchEntity = (error: unknown) => {
	const { name, Code } = (error ?? {}) as { name?: string; Code?: string };
	return name === 'NoSuchEntityException' || name === 'NoSuchEntity' || Code === 'NoSuchEntity';
};

/**
 * The account's custom password policy, or null when it has none: IAM answers NoSuchEntity,
 * and IAM's default policy applies (which no API returns).
 */
export async function readPasswordPolicy(iam: IAMClient, signal: AbortSignal): Promise<PasswordPolicy | null> {
	try {
		const answer = await iam.send(new GetAccountPasswordPolicyCommand({}), { abortSignal: signal });
		const policy = passwordPolicyFromFields(answer.PasswordPolicy ?? {});
		if (!policy) throw new UnreadableResponseError('PasswordPolicy lacks MinimumPasswordLength');
		return policy;
	} catch (error) {
		if (isNoSuchEntity(error)) return null;
		throw error;
	}
}
