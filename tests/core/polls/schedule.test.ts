import { describe, expect, it } from 'vitest';
import { latestSlot, localIso } from '../../../src/core/polls/schedule.js';

describe('weekly slots in Europe/Amsterdam', () => {
  it('stays at 10:00 on the clock across both daylight-saving changes', () => {
    // Tuesday 24 March 2026 is winter time (UTC+1), Tuesday 31 March summer time (UTC+2).
    expect(latestSlot(2, '10:00', new Date('2026-03-24T12:00:00Z')).at.toISOString()).toBe('2026-03-24T09:00:00.000Z');
    expect(latestSlot(2, '10:00', new Date('2026-03-31T12:00:00Z')).at.toISOString()).toBe('2026-03-31T08:00:00.000Z');
    expect(latestSlot(2, '10:00', new Date('2026-10-27T12:00:00Z')).at.toISOString()).toBe('2026-10-27T09:00:00.000Z');
    expect(latestSlot(2, '10:00', new Date('2026-03-31T07:59:00Z')).local).toBe('2026-03-24T10:00');
  });

  it('finds the slot of the same day once its time has come, and a week back before', () => {
    expect(latestSlot(7, '02:30', new Date('2026-03-29T12:00:00Z')).local).toBe('2026-03-29T02:30');
    expect(localIso(new Date('2026-11-22T23:30:00Z'))).toBe('2026-11-23T00:30');
  });
});
