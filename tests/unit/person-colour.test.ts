// A partner's colour (any #rrggbb) with text on it or in it: the text stays readable (issue 13).
import { describe, expect, test } from 'vitest';
import { PERSON_COLORS } from '../../src/sync/presence';
import { textColorOn, textColorOnWhite } from '../../src/ui/shell/person-colour';

function contrast(a: string, b: string): number {
  const luminance = (color: string) =>
    [0, 1, 2]
      .map((i) => parseInt(color.slice(1 + 2 * i, 3 + 2 * i), 16) / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
      .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i]!, 0);
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('text on a person’s colour', () => {
  test('white on dark colours, the ink colour on light ones', () => {
    expect(textColorOn('#000000')).toBe('#ffffff');
    expect(textColorOn('#1f4e79')).toBe('#ffffff');
    expect(textColorOn('#ffffff')).toBe('#1b2533');
    expect(textColorOn('#bcbd22')).toBe('#1b2533');
  });

  test('every colour Tavola hands out carries its initials at 4.5:1 at least', () => {
    for (const color of PERSON_COLORS) expect(contrast(textColorOn(color), color), color).toBeGreaterThanOrEqual(4.5);
  });

  test('a name in the person’s colour on white keeps the colour only when it reads at 4.5:1', () => {
    expect(textColorOnWhite('#1f4e79')).toBe('#1f4e79');
    expect(textColorOnWhite('#bcbd22')).toBe('#1b2533');
    for (const color of [...PERSON_COLORS, '#ffff00', '#777777', '#000000']) expect(contrast(textColorOnWhite(color), '#ffffff'), color).toBeGreaterThanOrEqual(4.5);
  });
});
