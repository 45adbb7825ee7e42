import * as z from 'zod/mini';

/** Its answer; `schemaVersion` is the result contract's, so a page and an older companion can tell they differ. */
export const companionStatusSchema = z.object({
	service: z.literal('stepcheck-companion'),
	schemaVersion: z.int(),
	version: z.string(),
	checks: z.array(z.string()),
});
export type CompanionStatus = z.infer<typeof companionStatusSchema>;
