import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { Store } from './database.js';
import type { Database } from './schema.js';

/**
 * A query built and compiled once, then run with new values. Every message runs the same three
 * queries (the delivery ledger, reading and writing the conversation state); building and compiling
 * them anew each time cost nearly as much as running them.
 *
 * `build` gets stand-ins for the values and writes the query as usual, with kysely's types; each
 * stand-in's place among the compiled parameters is noted, and a run puts the real values there.
 */
export type Precompiled<Values extends unknown[], Row> = (...values: Values) => Promise<QueryResult<Row>>;

const STAND_IN = '\u0000gedragsbot-waarde-';

/** A query on the scratch store (conversation states, handled deliveries); on SQLite it runs at once. */
export function precompileScratch<Values extends unknown[], Row>(
  store: Pick<Store, 'scratch' | 'scratchDirect'>,
  arity: Values['length'],
  build: (db: Kysely<Database>, ...values: Values) => Compilable<Row>,
): Precompiled<Values, Row> {
  const db = store.scratch;
  const standIns = Array.from({ length: arity }, (_, i) => `${STAND_IN}${String(i)}`) as Values;
  const compiled = build(db, ...standIns).compile();
  const places = compiled.parameters.map((parameter) =>
    typeof parameter === 'string' && parameter.startsWith(STAND_IN) ? Number(parameter.slice(STAND_IN.length)) : -1,
  );
  // A value kysely turned into something else (or left out) would silently be sent as the stand-in.
  for (let i = 0; i < arity; i++) {
    if (!places.includes(i)) throw new Error(`precompile: waarde ${String(i)} komt niet als parameter in de query terecht`);
  }
  const direct = store.scratchDirect;
  return (...values) => {
    const parameters = places.map((place, i) => (place >= 0 ? values[place] : compiled.parameters[i]));
    if (direct) {
      try {
        return Promise.resolve(direct<Row>(compiled.sql, parameters));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    const query: CompiledQuery<Row> = { ...compiled, parameters };
    return db.executeQuery(query);
  };
}
