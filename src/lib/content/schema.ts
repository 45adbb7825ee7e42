import { z } from 'astro/zod';
import { parseGuideDate } from './dates';
import { TOPIC_IDS } from '../guides/topics';

export const DESCRIPTION_MAX = 160;
const TITLE_MAX = 90;

/** A front-matter day: accepts `YYYY-MM-DD` (quoted or not) and nothing else. */
function isoDate(field: string) {
	return z.unknown().transform((value, ctx) => {
		const parsed = parseGuideDate(value);
		if (!parsed.ok) {
			ctx.addIssue({ code: 'custom', message: `\`${field}\` ${parsed.message}` });
			return z.NEVER;
		}
		return parsed.date;
	});
}

/** An old image URL, from the site root, naming a file: /blog/2019/images/awsmfa1.png. */
export const legacyImagePath = z.string().regex(/^\/(?:[^/?#]+\/)*[^/?#]+\.[A-Za-z0-9]+$/, {
	error: (issue) =>
		`legacyImages key "${String(issue.input)}" must be the old image's path from the site root, such as /blog/2019/images/awsmfa1.png.`,
});

function requiredText(field: string, example: string) {
	return z
		.string({
			error: (issue) =>
				issue.input === undefined
					? `\`${field}\` is missing. Add it to the front matter, for example ${field}: "${example}".`
					: `\`${field}\` must be text, for example ${field}: "${example}".`,
		})
		.trim()
		.min(1, { error: `\`${field}\` is empty. Write it, for example ${field}: "${example}".` });
}

/** Tags and topics are lower-case words joined by dashes so they work as URLs and search filters. */
const tag = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
	error: (issue) => `tag "${String(issue.input)}" must be lower-case words joined by dashes, for example "aws-iam".`,
});

export const guideSchema = z
	.object({
		title: requiredText('title', 'Turn on MFA for your AWS sign-in').max(TITLE_MAX, {
			error: (issue) => `\`title\` is ${String(issue.input).length} characters; keep it to ${TITLE_MAX} so it fits in results and tabs.`,
		}),
		description: requiredText('description', 'Add a second factor to your AWS console sign-in in ten steps.').max(DESCRIPTION_MAX, {
			error: (issue) =>
				`\`description\` is ${String(issue.input).length} characters; search engines cut it at ${DESCRIPTION_MAX}. Shorten it to ${DESCRIPTION_MAX} or fewer.`,
		}),
		published: isoDate('published'),
		updated: isoDate('updated').optional(),
		/** The day someone last checked every fact, command and policy of the guide against AWS's documentation. */
		reviewed: isoDate('reviewed').optional(),
		/**
		 * What each placeholder in the guide's shell commands (`<code from your app>`) stands for,
		 * and the value the tests put in its place when they run the command.
		 */
		placeholders: z
			.record(
				z.string().regex(/^<[a-z][a-z0-9 -]*[a-z0-9]>$/i, {
					error: (issue) => `placeholder "${String(issue.input)}" must be words in angle brackets, such as "<code from your app>".`,
				}),
				z.object({
					means: requiredText('placeholders.means', 'the six-digit code your authenticator app shows'),
					test: requiredText('placeholders.test', '123456'),
				}),
			)
			.default({}),
		/** AWS CLI commands the tests cannot run, each with the reason; every other `aws` command in the guide runs in `npm test`. */
		commandsNotRun: z
			.array(
				z.object({
					command: z.string().regex(/^aws \S+(?: \S+)?$/, {
						error:
							'`commandsNotRun.command` is "aws <service> <operation>", such as "aws sso login", or a one-word command such as "aws login".',
					}),
					reason: requiredText('commandsNotRun.reason', 'needs AWS CLI version 2 and a browser sign-in'),
				}),
			)
			.default([]),
		/** Old URLs of this guide (Hugo `aliases`): absolute, or relative to `legacyUrl`'s folder. */
		aliases: z.array(z.string().min(1)).default([]),
		/** The URL the guide had on the old blog, so relative aliases resolve the way Hugo resolved them. */
		legacyUrl: z.string().regex(/^\//, { error: '`legacyUrl` must be a path from the site root, such as /blog/2019/my-post/.' }).optional(),
		/**
		 * Images the old blog served (`/blog/2019/images/awsmfa1.png`) and the file beside the
		 * guide that replaced each one (`./awsmfa1.png`); the old URL redirects to that image at
		 * full size. The content collection swaps the value for `image()` (src/content.config.ts),
		 * which finds the file, so here only the old paths are checked.
		 */
		legacyImages: z.record(legacyImagePath, z.unknown()).default({}),
		/** Titles the guide was known by before, indexed for search but not shown. */
		formerTitles: z.array(z.string().min(1)).default([]),
		/**
		 * Words readers use for this guide's subject that its text may not ("2fa", "lost phone"),
		 * indexed for search as hidden, weighted text.
		 */
		keywords: z
			.array(
				z
					.string()
					.trim()
					.min(1, { error: '`keywords` has an empty entry; remove it or write the word readers type.' })
					.max(60, { error: (issue) => `keyword "${String(issue.input)}" is over 60 characters; a keyword is a word or a short phrase.` }),
			)
			.default([]),
		tags: z.array(tag).min(1, { error: '`tags` needs at least one tag, for example tags: [aws, mfa].' }),
		/** The home page groups guides by topic (the topics are listed in src/site.config.mjs); without one, the first. */
		topic: z
			.enum(TOPIC_IDS, {
				error: (issue) =>
					`topic "${String(issue.input)}" is not a topic of src/site.config.mjs; use one of: ${TOPIC_IDS.join(', ')}, or add it there.`,
			})
			.default(TOPIC_IDS[0]),
		/** Position within the reading order (previous / next guide); lower comes first. */
		order: z.number().int().nonnegative().default(100),
		draft: z.boolean().default(false),
	})
	.strict()
	.superRefine((guide, ctx) => {
		if (guide.reviewed && guide.reviewed < guide.published) {
			ctx.addIssue({
				code: 'custom',
				path: ['reviewed'],
				message: '`reviewed` is earlier than `published`. Set it to the day you last checked the guide against AWS.',
			});
		}
		if (guide.updated && guide.updated < guide.published) {
			ctx.addIssue({
				code: 'custom',
				path: ['updated'],
				message: '`updated` is earlier than `published`. A guide cannot be revised before it was published.',
			});
		}
	});

export type GuideFrontmatterInput = z.input<typeof guideSchema>;
