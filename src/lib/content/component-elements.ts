/**
 * The HTML elements a guide renders through a component of its own (`guideComponents`):
 * links get the base path, Markdown images become screenshots. MDX's static optimisation,
 * which turns markup without components into one HTML string, must leave these as elements.
 */
export const COMPONENT_ELEMENTS = ['a', 'img'] as const;
