import { z } from 'astro/zod';
import { siteConfig } from '../../site.config.mjs';

/**
 * Topics come from the site config (`src/site.config.mjs`), so an author adds one without
 * touching TypeScript; this checks them once, naming the file and the entry when one is wrong.
 */

const SITE_CONFIG_FILE = 'src/site.config.mjs';
const slug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const topicsConfigSchema = z
	.object({
		topics: z
			.array(
				z
					.object({
						id: z.string().regex(slug, {
							error: (issue) => `id "${String(issue.input)}" must be lower-case words joined by dashes, such as "sign-in"`,
						}),
						label: z.string().trim().min(1, { error: 'label is empty; write the heading the home page shows' }),
					})
					.strict(),
			)
			.min(1, { error: 'lists no topic; add one, such as { id: "sign-in", label: "Secure your sign-in" }' }),
		importDefaults: z.object({
			topic: z.string(),
			tag: z.string().regex(slug, { error: 'tag must be lower-case words joined by dashes' }),
		}),
	})
	.superRefine((config, ctx) => {
		const ids = config.topics.map((t) => t.id);
		ids.forEach((id, index) => {
			if (ids.indexOf(id) !== index)
				ctx.addIssue({ code: 'custom', path: ['topics', index, 'id'], message: `topic "${id}" is listed twice` });
		});
		if (!ids.includes(config.importDefaults.topic)) {
			ctx.addIssue({
				code: 'custom',
				path: ['importDefaults', 'topic'],
				message: `names "${config.importDefaults.topic}", which is not in topics (${ids.join(', ')})`,
			});
		}
	});
type TopicsConfig = z.infer<typeof topicsConfigSchema>;

/** The site's topics, checked; a mistake stops with the file, the entry and the fix. */
export function readTopicsConfig(config: unknown = siteConfig): TopicsConfig {
	const parsed = topicsConfigSchema.safeParse(config);
	if (!parsed.success) {
		const issues = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n');
		throw new Error(`${SITE_CONFIG_FILE} has topic settings Stepcheck cannot use:\n${issues}`);
	}
	return parsed.data;
}

const topicsConfig = readTopicsConfig();
export const TOPIC_IDS = topicsConfig.topics.map((t) => t.id) as [string, ...string[]];
export const IMPORT_DEFAULTS = topicsConfig.importDefaults;

interface TopicalGuide {
	data: { topic: string };
}

/** Guides grouped by topic, topics in the order of the site config, empty topics left out. */
export function groupByTopic<T extends TopicalGuide>(
	guides: T[],
	topics: TopicsConfig['topics'] = topicsConfig.topics,
): { topic: string; label: string; guides: T[] }[] {
	return topics
		.map(({ id, label }) => ({ topic: id, label, guides: guides.filter((g) => g.data.topic === id) }))
		.filter((group) => group.guides.length > 0);
}
