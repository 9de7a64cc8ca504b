// Text over or in a partner's colour, readable whatever colour they chose (any #rrggbb comes
// from a peer): WCAG's 4.5:1 for small text where the colour allows it.

function luminance(color: string): number {
  const channel = (i: number) => {
    const c = parseInt(color.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** The luminance of --ink (#1b2533). */
const INK = 0.0175;

/** White or the ink colour, whichever reads better on a person's colour (initials, caret names). */
export function textColorOn(background: string): string {
  const l = luminance(background);
  return 1.05 / (l + 0.05) >= (l + 0.05) / (INK + 0.05) ? '#ffffff' : '#1b2533';
}

/** The person's colour for text on white when it reads (4.5:1), else the ink colour. */
export function textColorOnWhite(color: string): string {
  return 1.05 / (luminance(color) + 0.05) >= 4.5 ? color : '#1b2533';
}
