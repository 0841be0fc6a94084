import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CORE = fileURLToPath(new URL('../../src/core', import.meta.url));
const FORBIDDEN
  = /from\s+['"](@slack\/|botbuilder|botframework|@microsoft\/|pg|better-sqlite3|kysely|node:http|express)/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('src/core is the domain', () => {
  it('imports no Slack, Teams, HTTP or database package', () => {
    const files = filesUnder(CORE).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(10);
    const leaks = files.filter((f) => FORBIDDEN.test(readFileSync(f, 'utf8')));
    expect(leaks).toEqual([]);
  });
});
