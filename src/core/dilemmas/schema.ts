import { z } from 'zod';

/**
 * One dilemma card, one file in cards/dilemmas/. The WIO adds a dilemma by
 * adding a file; `gedragsbot dilemmas check` and every start validate it.
 */
export const DILEMMA_THEMES = [
  'geschenken',
  'uitnodigingen',
  'nevenwerkzaamheden',
  'privegebruik',
  'informatie',
  'belangen',
  'ongewenst_gedrag',
] as const;
export type DilemmaTheme = (typeof DILEMMA_THEMES)[number];

const text = (min: number, max: number) =>
  z.string({ error: 'tekst verwacht' }).trim().min(min, `minstens ${String(min)} tekens`).max(max, `hoogstens ${String(max)} tekens`);

export const OPTION_IDS = ['a', 'b', 'c', 'd'] as const;

export const dilemmaSchema = z
  .strictObject({
    titel: text(3, 60),
    thema: z.enum(DILEMMA_THEMES, { error: `een van: ${DILEMMA_THEMES.join(', ')}` }),
    situatie: text(40, 700),
    opties: z
      .array(
        z.strictObject({
          id: z.enum(OPTION_IDS, { error: 'a, b, c of d' }),
          tekst: text(3, 140),
          /** The option's button, when the text is too long for one; otherwise the text is shortened. */
          knop: text(3, 60).optional(),
          feedback: text(20, 600),
        }),
      )
      .min(3, 'minstens 3 keuzes')
      .max(4, 'hoogstens 4 keuzes'),
    regel: text(5, 120),
    gespreksvragen: z.array(text(10, 300)).min(1, 'minstens 1 gespreksvraag').max(2, 'hoogstens 2 gespreksvragen'),
  })
  .superRefine((card, ctx) => {
    card.opties.forEach((option, index) => {
      if (option.id !== OPTION_IDS[index]) {
        ctx.addIssue({ code: 'custom', path: ['opties', index, 'id'], message: `keuzes heten op volgorde a, b, c, d; hier hoort "${OPTION_IDS[index] ?? ''}"` });
      }
    });
  });

export type DilemmaCardFile = z.infer<typeof dilemmaSchema>;

export interface Dilemma extends DilemmaCardFile {
  /** The file name without .json, e.g. "grote-fles-champagne". */
  id: string;
}
