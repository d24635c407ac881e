/**
 * The shared email layout, fluid up to 600 px (`templates/email/layout.html`) with its CSS inlined by juice.
 * Kept apart from `template.ts` so only the report path, which is loaded lazily, pulls in juice
 * and its HTML parser.
 */
import juice from 'juice';
import { fillTemplate, type LayoutVars } from './template';

/** Wraps content in the shared layout (fluid up to 600 px) and inlines the CSS. */
export function renderInLayout(layout: string, vars: LayoutVars): string {
  const html = fillTemplate(layout, { ...vars }, 'html');
  return juice(html, { removeStyleTags: true, preserveMediaQueries: false, applyWidthAttributes: true });
}
