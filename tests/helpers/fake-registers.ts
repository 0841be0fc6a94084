import { GedragsbotError } from '../../src/core/errors.js';
import type { GiftEntry, GiftInput, Notice, OwnData, RegisterName, SideJobEntry, SideJobInput } from '../../src/core/registers/model.js';
import type { RegisterService } from '../../src/core/registers/service.js';
import { validateGift, validateSideJob } from '../../src/core/registers/validate.js';

/** The registers in memory, for conversation tests that need no database. */
export class FakeRegisters implements RegisterService {
  gifts: GiftEntry[] = [];
  sideJobs: SideJobEntry[] = [];
  notices: (Notice & { owner: string })[] = [];
  confirmations: { owner: string; year: number }[] = [];
  private next = 1;

  constructor(private readonly today = '2026-11-22') {}

  private meta(owner: string) {
    const at = `${this.today}T10:00:00.000Z`;
    return { id: `e${String(this.next++)}`, owner, status: 'actief' as const, createdAt: at, updatedAt: at, reviewedAt: null, reviewNote: null };
  }

  saveGift(owner: string, input: GiftInput, verdict: string): Promise<GiftEntry> {
    const entry = { ...validateGift(input, this.today), ...this.meta(owner), verdict };
    this.gifts.push(entry);
    return Promise.resolve(entry);
  }

  saveSideJob(owner: string, input: SideJobInput): Promise<SideJobEntry> {
    const entry = { ...validateSideJob(input, this.today), ...this.meta(owner) };
    this.sideJobs.push(entry);
    return Promise.resolve(entry);
  }

  listOwn(owner: string) {
    return Promise.resolve({
      gifts: this.gifts.filter((g) => g.owner === owner),
      sideJobs: this.sideJobs.filter((s) => s.owner === owner),
      notices: this.notices.filter((n) => n.owner === owner),
    });
  }

  updateGift(owner: string, id: string, changes: Partial<GiftInput>): Promise<GiftEntry> {
    const i = this.gifts.findIndex((g) => g.id === id && g.owner === owner);
    const before = this.gifts[i];
    if (!before) return Promise.reject(new GedragsbotError('NOT_FOUND', 'weg'));
    const after = { ...before, ...validateGift({ ...pickGift(before), ...changes }, this.today) };
    this.gifts[i] = after;
    return Promise.resolve(after);
  }

  updateSideJob(owner: string, id: string, changes: Partial<SideJobInput>): Promise<SideJobEntry> {
    const i = this.sideJobs.findIndex((s) => s.id === id && s.owner === owner);
    const before = this.sideJobs[i];
    if (!before) return Promise.reject(new GedragsbotError('NOT_FOUND', 'weg'));
    const { id: _i, owner: _o, status: _s, ...rest } = before;
    const { createdAt: _c, updatedAt: _u, reviewedAt: _r, reviewNote: _n, ...input } = rest;
    const after = { ...before, ...validateSideJob({ ...input, ...changes }, this.today) };
    this.sideJobs[i] = after;
    return Promise.resolve(after);
  }

  withdraw(owner: string, register: RegisterName, id: string): Promise<void> {
    const list: (GiftEntry | SideJobEntry)[] = register === 'geschenk' ? this.gifts : this.sideJobs;
    const entry = list.find((e) => e.id === id && e.owner === owner);
    if (entry) entry.status = 'ingetrokken';
    return Promise.resolve();
  }

  exportOwn(owner: string): Promise<OwnData> {
    return Promise.resolve({
      owner,
      gifts: this.gifts.filter((g) => g.owner === owner),
      sideJobs: this.sideJobs.filter((s) => s.owner === owner),
      changes: [],
      notices: this.notices.filter((n) => n.owner === owner),
      confirmations: this.confirmations.filter((c) => c.owner === owner).map((c) => ({ year: c.year, confirmedAt: '' })),
    });
  }

  deleteAllOwn(owner: string): Promise<number> {
    const before = this.gifts.length + this.sideJobs.length;
    this.gifts = this.gifts.filter((g) => g.owner !== owner);
    this.sideJobs = this.sideJobs.filter((s) => s.owner !== owner);
    return Promise.resolve(before - this.gifts.length - this.sideJobs.length);
  }

  confirmSideJobs(owner: string, year: number): Promise<void> {
    this.confirmations.push({ owner, year });
    return Promise.resolve();
  }

  markNoticesRead(owner: string, ids: string[]): Promise<void> {
    this.notices = this.notices.filter((n) => n.owner !== owner || !ids.includes(n.id));
    return Promise.resolve();
  }
}

function pickGift(entry: GiftEntry): GiftInput {
  const { direction, date, description, valueEuros, giverOrg, giverRelation, accepted, outcome } = entry;
  return { direction, date, description, valueEuros, giverOrg, giverRelation, accepted, outcome };
}
