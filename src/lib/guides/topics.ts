import { TOPICS, type Topic } from '../content/topics';

interface TopicalGuide {
	data: { topic: Topic };
}

/** Guides grouped by topic, topics in the fixed order of TOPICS, empty topics left out. */
export function groupByTopic<T extends TopicalGuide>(guides: T[]): { topic: Topic; label: string; guides: T[] }[] {
	return (Object.keys(TOPICS) as Topic[])
		.map((topic) => ({ topic, label: TOPICS[topic], guides: guides.filter((g) => g.data.topic === topic) }))
		.filter((group) => group.guides.length > 0);
}
