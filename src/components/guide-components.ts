import Callout from './Callout.astro';
import GuideLink from './GuideLink.astro';
import LiveCheck from './LiveCheck.astro';
import MarkdownImage from './MarkdownImage.astro';
import Screenshot from './Screenshot.astro';
import Steps from './Steps.astro';

/**
 * Components every guide can use without importing them; Markdown images render as
 * screenshots and Markdown links get the site's base path.
 */
export const guideComponents = { a: GuideLink, img: MarkdownImage, Steps, Screenshot, Callout, LiveCheck };
