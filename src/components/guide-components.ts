import Callout from './Callout.astro';
import LiveCheck from './LiveCheck.astro';
import MarkdownImage from './MarkdownImage.astro';
import Screenshot from './Screenshot.astro';
import Steps from './Steps.astro';

/** Components every guide can use without importing them; Markdown images render as screenshots. */
export const guideComponents = { img: MarkdownImage, Steps, Screenshot, Callout, LiveCheck };
