import { colord, extend } from 'colord';
import a11y from 'colord/plugins/a11y';
import mix from 'colord/plugins/mix';

extend([a11y, mix]);

/**
 * The web chat in the organisation's colour, in a light and a dark scheme, always readable (WCAG AA): the
 * configured colour must carry white text on the light page, and the dark scheme uses a light tint of it that
 * carries dark text on the dark page. The browser gets only CSS custom properties; chat.css uses them.
 */
export const DEFAULT_BRAND_COLOUR = '#1d4f91';
/** The page backgrounds in chat.css; the contrast checks are against these. */
const LIGHT_PAGE = '#f3f4f6';
const DARK_PAGE = '#16181d';
const DARK_TEXT = '#101216';
const AA_TEXT = 4.5;

/** White text on the colour, and the colour as link text on the light page, both at AA. */
export function readableOnLight(colour: string): boolean {
  const c = colord(colour);
  return c.isValid() && c.contrast('#ffffff') >= AA_TEXT && c.contrast(LIGHT_PAGE) >= AA_TEXT;
}

/** The lightest needed tint: at least 7:1 on the dark page, so it reads as link text and carries dark text. */
function darkSchemeTint(colour: string): string {
  const base = colord(colour);
  for (let share = 0.3; share < 1; share += 0.05) {
    const tint = base.mix('#ffffff', share);
    if (tint.contrast(DARK_PAGE) >= 7 && tint.contrast(DARK_TEXT) >= 7) return tint.toHex();
  }
  return '#ffffff';
}

export function themeCss(colour: string): string {
  const brand = colord(colour).toHex();
  const tint = darkSchemeTint(brand);
  return [
    `:root { --brand: ${brand}; --on-brand: #ffffff; --brand-text: ${brand}; }`,
    `@media (prefers-color-scheme: dark) { :root { --brand: ${tint}; --on-brand: ${DARK_TEXT}; --brand-text: ${tint}; } }`,
    '',
  ].join('\n');
}

/** A speech bubble with a check mark: the favicon, and the logo when none is configured; lighter on a dark page. */
export function markSvg(colour: string): string {
  const brand = colord(colour).toHex();
  const tint = darkSchemeTint(brand);
  return '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
    + `<style>.b{fill:${brand}}.c{stroke:#fff}@media (prefers-color-scheme:dark){.b{fill:${tint}}.c{stroke:${DARK_TEXT}}}</style>`
    + '<rect class="b" x="4" y="6" width="56" height="42" rx="12"/><path class="b" d="M18 48 L16 60 L30 48 Z"/>'
    + '<path class="c" d="M20 27 l8 8 l16 -16" fill="none" stroke-width="6" stroke-linecap="round" stroke-linejoin="round"/></svg>\n';
}
