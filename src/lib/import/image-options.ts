import { FRAMES, parseMaxWidth, ScreenshotOptionError, type Frame } from '../images/screenshot-options';

/**
 * The Learn theme styled images through the URL's query:
 * `![alt](/blog/2019/images/awsmfa1.png?classes=shadow,border&width=40pc&featherlight=false)`.
 * This reads that query into the props of Stepcheck's <Screenshot>.
 */

export interface ScreenshotProps {
	frame?: Exclude<Frame, 'none'>;
	maxWidth?: string;
	zoom?: false;
}

export interface ImageQueryResult {
	path: string;
	props: ScreenshotProps;
	warnings: string[];
	problems: string[];
}

const FRAME_CLASSES = FRAMES.filter((f) => f !== 'none') as Exclude<Frame, 'none'>[];

export function readImageUrl(url: string): ImageQueryResult {
	const warnings: string[] = [];
	const problems: string[] = [];
	const props: ScreenshotProps = {};
	const [beforeHash] = url.split('#');
	const queryAt = beforeHash!.indexOf('?');
	const path = queryAt === -1 ? beforeHash! : beforeHash!.slice(0, queryAt);
	const query = new URLSearchParams(queryAt === -1 ? '' : beforeHash!.slice(queryAt + 1));

	for (const [name, value] of query) {
		switch (name) {
			case 'classes': {
				for (const cls of value
					.split(',')
					.map((c) => c.trim())
					.filter(Boolean)) {
					if ((FRAME_CLASSES as string[]).includes(cls)) {
						if (props.frame && props.frame !== cls) {
							warnings.push(
								`asks for both "${props.frame}" and "${cls}" frames; a screenshot has one frame, so "${props.frame}" was kept.`,
							);
						} else props.frame = cls as ScreenshotProps['frame'];
					} else if (cls === 'inline') {
						warnings.push('has class "inline": Stepcheck screenshots always sit in their own block, so it was left out.');
					} else {
						warnings.push(`has class "${cls}", which Stepcheck has no style for; it was left out.`);
					}
				}
				break;
			}
			case 'width': {
				try {
					props.maxWidth = parseMaxWidth(value) ?? undefined;
				} catch (error) {
					if (!(error instanceof ScreenshotOptionError)) throw error;
					problems.push(`has width "${value}", which is not a length in pc, px, %, em, rem or vw.`);
				}
				break;
			}
			case 'height': {
				try {
					parseMaxWidth(value);
					warnings.push(
						`has height "${value}": screenshots keep their proportions and are limited by width only, so the height was left out.`,
					);
				} catch {
					problems.push(`has height "${value}", which is not a length in pc, px, %, em, rem or vw.`);
				}
				break;
			}
			case 'featherlight':
			case 'lightbox': {
				if (value === 'false') props.zoom = false;
				else if (value !== 'true') problems.push(`has ${name}="${value}"; only true or false mean something.`);
				break;
			}
			default:
				warnings.push(`has the query option "${name}", which Stepcheck does not use; it was left out.`);
		}
	}
	return { path: decodeURI(path), props, warnings, problems };
}

/** True when the image needs the <Screenshot> component instead of plain Markdown. */
export function needsComponent(props: ScreenshotProps): boolean {
	return props.frame !== undefined || props.maxWidth !== undefined || props.zoom === false;
}
