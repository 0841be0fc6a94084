import type { GiftEntry, GiftInput, Notice, OwnData, RegisterName, SideJobEntry, SideJobInput } from './model.js';

/**
 * What the conversation needs from the registers. The store implements it;
 * the core never sees a table. `owner` is "kanaal:gebruiker".
 */
export interface RegisterService {
  saveGift(owner: string, input: GiftInput, verdict: string): Promise<GiftEntry>;
  saveSideJob(owner: string, input: SideJobInput): Promise<SideJobEntry>;
  /** Every own entry, withdrawn ones included (status "ingetrokken"), and the unread notices. */
  listOwn(owner: string): Promise<{ gifts: GiftEntry[]; sideJobs: SideJobEntry[]; notices: Notice[] }>;
  updateGift(owner: string, id: string, changes: Partial<GiftInput>): Promise<GiftEntry>;
  updateSideJob(owner: string, id: string, changes: Partial<SideJobInput>): Promise<SideJobEntry>;
  withdraw(owner: string, register: RegisterName, id: string): Promise<void>;
  exportOwn(owner: string): Promise<OwnData>;
  /** Removes every entry, change and notice of this employee; returns how many records went. */
  deleteAllOwn(owner: string): Promise<number>;
  /** "Mijn nevenwerkzaamheden kloppen nog" for the yearly check. */
  confirmSideJobs(owner: string, year: number): Promise<void>;
  markNoticesRead(owner: string, ids: string[]): Promise<void>;
}

export interface CoordinatorFilter {
  from?: string;
  to?: string;
  reviewed?: boolean;
}

/** The integrity coordinator's part, for users listed in GEDRAGSBOT_COORDINATORS; everyone else is refused. */
export interface CoordinatorPort {
  isCoordinator(user: string): boolean;
  list(user: string, register: RegisterName | 'alle', filter?: CoordinatorFilter): Promise<{ gifts: GiftEntry[]; sideJobs: SideJobEntry[] }>;
  review(user: string, register: RegisterName, id: string, note: string): Promise<void>;
}
