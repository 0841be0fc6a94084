/**
 * The facts the understanding hands to the rules. Rule files may only name
 * these, so a misspelt fact is caught when the rule base loads.
 */
export const FACT_NAMES = [
  'intent',
  'amount',
  'amountMin',
  'amountMax',
  'threshold',
  'valueUnknown',
  'giftKind',
  'trip',
  'facility',
  'infoKind',
  'sideKind',
  'giver',
  'procedure',
  'politicalOffice',
  'situation',
  'concepts',
] as const;
/** Stands for "no upper bound" ("meer dan 50"), so facts stay plain JSON numbers. */
export const OPEN_ENDED = 1e9;

export type FactName = (typeof FACT_NAMES)[number];

/** What kind of gift it is; the code treats money, vouchers and favours differently from things. */
export type GiftKind = 'geld' | 'waardebon' | 'gunst' | 'voorwerp';
/** Which of the employer's facilities a private-use question is about. */
export type Facility
  = | 'parkeerkaart'
    | 'dienstauto'
    | 'pakket'
    | 'post'
    | 'eigendom'
    | 'laptop'
    | 'beperkt'
    | 'onbekend';
export type InfoKind = 'wachtwoord' | 'privemail' | 'opzoeken' | 'eigen_gewin' | 'vertrouwelijk' | 'algemeen';
export type SideKind = 'financieel' | 'functie';
/** A council or wethouder seat: in the person's own organisation (incompatible) or elsewhere. */
export type PoliticalOffice = 'eigen' | 'elders';
/** What a referral is about, so the answer names the routes that fit (organisatie.json: externeRoutes[].situaties). */
export const SITUATIONS = ['niet_leven', 'nood', 'seksueel_geweld', 'dreiging', 'ongewenst', 'misstand', 'vertrouwen'] as const;
export type Situation = (typeof SITUATIONS)[number];

export interface Facts {
  intent: string;
  amount: number | null;
  amountMin: number | null;
  amountMax: number | null;
  threshold: number;
  valueUnknown: boolean;
  giftKind: GiftKind | null;
  trip: boolean;
  facility: Facility | null;
  infoKind: InfoKind | null;
  sideKind: SideKind | null;
  /** Who offers the gift or invitation, as the person named them ("leverancier", "inwoner"). */
  giver: string | null;
  /** The giver is a party in a procedure the person handles now (tender, permit, subsidy, enforcement, negotiation). */
  procedure: boolean;
  politicalOffice: PoliticalOffice | null;
  situation: Situation | null;
  concepts: string[];
}
