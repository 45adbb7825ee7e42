import type { COMPONENT_ELEMENTS } from '../lib/content/component-elements';
import Callout from './Callout.astro';
import GuideLink from './GuideLink.astro';
import LiveCheck from './LiveCheck.astro';
import MarkdownImage from './MarkdownImage.astro';
import Screenshot from './Screenshot.astro';
import Steps from './Steps.astro';

// Exactly the elements the MDX optimisation leaves alone: a component for an element it turned into a string would never run.
const elementComponents = { a: GuideLink, img: MarkdownImage } satisfies Record<(typeof COMPONENT_ELEMENTS)[number], unknown>;

/**
 * Components every guide can use without importing them; Markdown images render as
 * screenshots and Markdown links get the site's base path.
 */
export const guideComponents = { ...elementComponents, Steps, Screenshot, Callout, LiveCheck };
