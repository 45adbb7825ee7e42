import * as z from 'zod/mini';
import type { PasswordPolicy } from '../checks/result-schema';

// Apart from the SDK call in password-policy.ts: CloudShell paste mode reads the CLI's JSON in the
// browser, and an import of that module would leave a bare `@aws-sdk/client-iam` import in its bundle.

/** The fields of IAM's `PasswordPolicy` the check reads, as the SDK and the CLI's JSON both name them. */
export const passwordPolicyFieldsSchema = z.object({
	MinimumPasswordLength: z.optional(z.number()),
	RequireSymbols: z.optional(z.boolean()),
	RequireNumbers: z.optional(z.boolean()),
	RequireUppercaseCharacters: z.optional(z.boolean()),
	RequireLowercaseCharacters: z.optional(z.boolean()),
	AllowUsersToChangePassword: z.optional(z.boolean()),
	MaxPasswordAge: z.optional(z.number()),
	PasswordReusePrevention: z.optional(z.number()),
	HardExpiry: z.optional(z.boolean()),
});
type PasswordPolicyFields = z.infer<typeof passwordPolicyFieldsSchema>;

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
