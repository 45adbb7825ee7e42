import { GetAccountPasswordPolicyCommand, type IAMClient } from '@aws-sdk/client-iam';
import type { PasswordPolicy } from '../checks/result-schema';
import { UnreadableResponseError } from './aws-errors';

/** The fields of IAM's `PasswordPolicy` the check reads, as the SDK and the CLI's JSON both name them. */
export interface PasswordPolicyFields {
	MinimumPasswordLength?: number;
	RequireSymbols?: boolean;
	RequireNumbers?: boolean;
	RequireUppercaseCharacters?: boolean;
	RequireLowercaseCharacters?: boolean;
	AllowUsersToChangePassword?: boolean;
	MaxPasswordAge?: number;
	PasswordReusePrevention?: number;
	HardExpiry?: boolean;
}

/** IAM's answer in Stepcheck's words; a field IAM leaves out is off (0 days, no reuse limit). */
export function passwordPolicyFromFields(fields: PasswordPolicyFields): PasswordPolicy | null {
	if (fields.MinimumPasswordLength === undefined) return null;
	return {
		minimumLength: fields.MinimumPasswordLength,
		requireSymbols: fields.RequireSymbols === true,
		requireNumbers: fields.RequireNumbers === true,
		requireUppercase: fields.RequireUppercaseCharacters === true,
		requireLowercase: fields.RequireLowercaseCharacters === true,
		allowUsersToChange: fields.AllowUsersToChangePassword === true,
		maxAgeDays: fields.MaxPasswordAge && fields.MaxPasswordAge > 0 ? fields.MaxPasswordAge : null,
		reusePrevention: fields.PasswordReusePrevention && fields.PasswordReusePrevention > 0 ? fields.PasswordReusePrevention : null,
		hardExpiry: fields.HardExpiry === true,
	};
}

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
