/**
 * The gift register and the side-job register as the domain sees them. Only
 * what the employee entered is kept, plus the rule base's verdict and the
 * coordinator's review.
 */
export const GIFT_DIRECTIONS = ['ontvangen', 'aangeboden'] as const;
export const GIVER_RELATIONS = ['leverancier', 'aanbesteding', 'vergunning', 'subsidie', 'geen'] as const;
export const GIFT_OUTCOMES = ['gehouden', 'gedeeld', 'goed_doel', 'teruggegeven', 'afgegeven', 'afgeslagen'] as const;
export const SIDEJOB_KINDS = ['nevenwerk', 'financieel_belang', 'geen'] as const;
export const EMPLOYER_RELATIONS = ['zaken', 'subsidie', 'vergunning', 'toezicht'] as const;
export const ENTRY_STATUSES = ['actief', 'ingetrokken'] as const;

export type GiftDirection = (typeof GIFT_DIRECTIONS)[number];
export type GiverRelation = (typeof GIVER_RELATIONS)[number];
export type GiftOutcome = (typeof GIFT_OUTCOMES)[number];
export type SideJobKind = (typeof SIDEJOB_KINDS)[number];
export type EmployerRelation = (typeof EMPLOYER_RELATIONS)[number];
export type EntryStatus = (typeof ENTRY_STATUSES)[number];
export type RegisterName = 'geschenk' | 'nevenwerk';

export interface GiftInput {
  direction: GiftDirection;
  /** ISO day, "2026-11-20". */
  date: string;
  description: string;
  /** Estimated value in euros; null when the employee cannot estimate it. */
  valueEuros: number | null;
  giverOrg: string;
  giverRelation: GiverRelation;
  accepted: boolean;
  outcome: GiftOutcome;
}

export interface SideJobInput {
  kind: SideJobKind;
  organisation: string;
  role: string;
  paid: boolean;
  hoursPerWeek: number | null;
  startDate: string | null;
  endDate: string | null;
  relations: EmployerRelation[];
  publish: boolean;
}

interface Reviewed {
  id: string;
  owner: string;
  status: EntryStatus;
  createdAt: string;
  updatedAt: string;
  reviewedAt: string | null;
  reviewNote: string | null;
  /** The short code the coordinator uses (G-7K3Q), when the store has given one. */
  code?: string;
}

export interface GiftEntry extends GiftInput, Reviewed {
  /** The rule base's verdict when the gift was registered. */
  verdict: string;
}

export type SideJobEntry = SideJobInput & Reviewed;

export interface Notice {
  id: string;
  message: string;
  createdAt: string;
}

export interface ChangeRecord {
  register: RegisterName;
  entryId: string;
  action: 'aangemaakt' | 'gewijzigd' | 'ingetrokken' | 'beoordeeld' | 'verwijderd';
  actor: 'medewerker' | 'coordinator' | 'systeem';
  fields: Record<string, unknown>;
  changedAt: string;
}

/** Everything the store holds about one employee: what "exporteer mijn gegevens" hands over. */
export interface OwnData {
  owner: string;
  gifts: GiftEntry[];
  sideJobs: SideJobEntry[];
  changes: ChangeRecord[];
  notices: Notice[];
  confirmations: { year: number; confirmedAt: string }[];
}
