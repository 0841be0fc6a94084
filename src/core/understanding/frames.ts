/**
 * The frame of a message: who acts, whether the person asks *if* or wants to
 * *do* something, what is denied and whether it is only a "what if". Word
 * lists cannot see these, and they decide the answer: "een collega neemt geld
 * aan" is a report about someone else, "ik word niet gepest, maar …" is not
 * about bullying, "mag ik mijn bijbaan melden?" asks whether.
 */
export interface Frames {
  /** Someone else (a colleague, manager, resident …) is the first actor named, before the person themself. */
  otherActsFirst: boolean;
  /** A colleague, manager or official is the one acting, and the person does not name themself: a report. */
  colleagueActs: boolean;
  /** Something is given to a colleague, not to the person ("de aannemer gaf onze projectleider een envelop"). */
  colleagueReceives: boolean;
  /** The person asks on someone's behalf whether they may ("mijn medewerker vraagt of", "mag ze die houden?"). */
  asksForOther: boolean;
  /** Someone else does something to the person ("hij scheldt me uit", "ze dreigt mij"). */
  doneToMe: boolean;
  /** The person names themself at all. */
  firstPerson: boolean;
  /** "mag/moet/kan ik …", "is het toegestaan …", or a question mark. */
  asksWhether: boolean;
  /** "moet ik …", "hoef ik …", "mag ik …" without "hoe" or "waar": whether it is required or allowed, not how. */
  asksObligation: boolean;
  /** "ik wil …", "hoe registreer ik …": an action now. */
  wantsToDo: boolean;
  /** "stel dat", "wat als", "als ik …": a hypothetical. */
  hypothetical: boolean;
  /** Starts as a fragment that leans on what came before ("van een aannemer", "met mijn leidinggevende"). */
  fragment: boolean;
  /** Token positions that fall under a "geen"/"niet"/"nooit" before them. */
  negated: ReadonlySet<number>;
}

const FIRST = new Set(['ik', 'me', 'mij', 'mn', 'mijn', 'mezelf', 'mijzelf', 'k', 'ikzelf']);
const SUBJECT_ME = new Set(['ik', 'k', 'ikzelf']);
const OBJECT_ME = new Set(['me', 'mij', 'mezelf', 'mijzelf']);
/** People who can act in a message besides the person writing. */
const OTHERS = new Set([
  'collega', 'collegas', 'iemand', 'leidinggevende', 'lg', 'manager', 'baas', 'chef', 'teamleider', 'teamleidster',
  'directeur', 'wethouder', 'burgemeester', 'raadslid', 'medewerker', 'medewerkers', 'afdelingshoofd', 'teamgenoot',
  'ambtenaar', 'hij', 'zij', 'ze', 'inwoner', 'bewoner', 'burger', 'klant', 'client', 'man', 'vrouw', 'meneer',
  'mevrouw', 'jongen', 'stagiair', 'stagiaire', 'coordinator', 'hoofd', 'uitzendkracht', 'projectleider',
  'ondernemer', 'aannemer', 'leverancier', 'buurman', 'bezoeker', 'huurder', 'aanvrager', 'gemeentesecretaris',
  'secretaris', 'directie', 'controller', 'boa', 'handhaver', 'inspecteur', 'chauffeur', 'opzichter',
]);
/** People inside the organisation whose conduct the person may report. */
const COLLEAGUES = new Set([
  'collega', 'collegas', 'leidinggevende', 'lg', 'manager', 'baas', 'chef', 'teamleider', 'teamleidster', 'directeur',
  'wethouder', 'burgemeester', 'raadslid', 'medewerker', 'afdelingshoofd', 'teamgenoot', 'ambtenaar', 'coordinator',
  'projectleider', 'gemeentesecretaris', 'directie', 'controller', 'boa', 'handhaver', 'inspecteur', 'opzichter',
]);
/** Verbs of giving and offering. */
const GIVING = new Set([
  'gaf', 'geeft', 'geven', 'gegeven', 'stuurde', 'stuurt', 'sturen', 'gestuurd', 'bood', 'biedt', 'bieden', 'aangeboden',
  'stopte', 'stopt', 'drukte', 'drukt', 'bracht', 'brengt', 'gebracht', 'schonk', 'schenkt', 'geschonken', 'trakteerde',
  'trakteert', 'nodigde', 'nodigt', 'uitnodigen', 'uitgenodigd', 'overhandigde', 'gunde', 'gunt',
]);
/** What a witness does: sees, hears, notices, suspects. */
const OBSERVING = new Set([
  'zag', 'zie', 'hoorde', 'hoor', 'merk', 'merkte', 'vermoed', 'vermoedde', 'ontdekte', 'ontdek', 'betrapte', 'gezien',
  'gehoord', 'gemerkt', 'ontdekt', 'betrapt',
]);
const ASK = new Set(['mag', 'moet', 'kan', 'kun', 'kunnen', 'mogen', 'moeten', 'hoef', 'hoeven', 'zou', 'mocht', 'is', 'ben']);
const ASK_WORDS = new Set(['toegestaan', 'oke', 'ok', 'okay', 'goed', 'erg', 'probleem', 'verboden', 'netjes', 'handig', 'slim']);
const DO = [
  ['ik', 'wil'],
  ['ik', 'zou', 'graag'],
  ['ik', 'wil', 'graag'],
  ['wil', 'ik'],
  ['graag', 'registreren'],
];
const HYPOTHETICAL = [['stel'], ['stel', 'dat'], ['wat', 'als'], ['als', 'ik'], ['mocht'], ['zou', 'ik'], ['wat', 'nou', 'als'], ['in', 'theorie'], ['hypothetisch']];
const NEGATORS = new Set(['geen', 'niet', 'nooit', 'niks', 'niets', 'zonder', 'geeneens']);
/** Words that end what a negation covers: "geen cadeaubon, maar een boek". */
const CLAUSE_BREAK = new Set(['maar', 'wel', 'alleen', 'enkel', 'want', 'omdat', 'en', 'dus']);
/** First words that make a message lean on the previous one. */
const FRAGMENT_START = new Set([
  'van', 'met', 'bij', 'voor', 'aan', 'door', 'om', 'op', 'in', 'uit', 'via', 'het', 'hij', 'ze', 'zij', 'die', 'dat', 'en',
  'maar', 'oh', 'o', 'wacht', 'nee', 'ja', 'sorry', 'trouwens', 'overigens', 'plus', 'ook', 'eigenlijk', 'correctie', 'oeps',
  'ow', 'ah', 'hmm', 'eh', 'ehm', 'nou', 'dus', 'want', 'omdat', 'als', 'alleen', 'is', 'was', 'waren',
]);
const ASIDE = new Set(['trouwens', 'overigens']);
/** Asking permission for someone else, not telling what they did. */
const ON_BEHALF = [
  ['vraagt', 'of'], ['vroeg', 'of'], ['vraagt', 'me', 'of'], ['vraagt', 'mij', 'of'], ['vroeg', 'me', 'of'], ['vroeg', 'mij', 'of'],
  ['wil', 'weten', 'of'], ['namens'], ['mag', 'ze'], ['mag', 'zij'], ['mag', 'hij'], ['mogen', 'ze'], ['mogen', 'zij'],
];
const HOW = new Set(['hoe', 'waar', 'waarmee', 'wie', 'welk', 'welke', 'wanneer']);
const NEGATION_REACH = 3;

function startsAt(tokens: readonly string[], at: number, phrase: readonly string[]): boolean {
  for (let k = 0; k < phrase.length; k++) if (tokens[at + k] !== phrase[k]) return false;
  return true;
}

const DETERMINERS = new Set(['onze', 'ons', 'mijn', 'mn', 'de', 'een', 'die', 'dat', 'haar', 'zijn']);

/** Right after a verb of giving: a colleague as the one who gets it ("gaf onze projectleider", "stopte de chef"). */
function receiverIsColleague(tokens: readonly string[], at: number): boolean {
  for (let j = at + 1; j < Math.min(tokens.length, at + 4); j++) {
    const t = tokens[j] ?? '';
    if (COLLEAGUES.has(t)) return true;
    if (!DETERMINERS.has(t)) return false;
  }
  return false;
}

function anyPhrase(tokens: readonly string[], phrases: readonly (readonly string[])[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    for (const phrase of phrases) if (startsAt(tokens, i, phrase)) return true;
  }
  return false;
}

// Written once here rather than in framesOf: every message runs it.
const ASKS_WHETHER = [['mag', 'ik'], ['moet', 'ik'], ['mag', 'dat'], ['mag', 'het'], ['is', 'het'], ['is', 'dat'], ['ik', 'twijfel'], ['weet', 'niet', 'of'], ['vraag', 'me', 'af']];
const ONLY_ASKING = [['wil', 'weten'], ['wil', 'vragen'], ['wil', 'graag', 'weten']];
const OBLIGED = [['moet', 'ik'], ['hoef', 'ik'], ['mag', 'ik'], ['moeten', 'we'], ['moet', 'je'], ['hoort', 'dat']];

/**
 * @param clauseStarts token positions where a new clause begins (after a comma or full stop): a denial ends there.
 */
export function framesOf(
  tokens: readonly string[],
  endsWithQuestionMark: boolean,
  clauseStarts: ReadonlySet<number> = new Set(),
): Frames {
  let firstMe = -1;
  let firstOther = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] ?? '';
    // "mijn collega" names a colleague as the actor; the "mijn" only says whose.
    const possessive = (t === 'mijn' || t === 'mn' || t === 'onze' || t === 'ons') && OTHERS.has(tokens[i + 1] ?? '');
    if (firstMe < 0 && FIRST.has(t) && !possessive) firstMe = i;
    if (firstOther < 0 && OTHERS.has(t)) firstOther = i;
  }
  const otherActsFirst = firstOther >= 0 && (firstMe < 0 || firstOther < firstMe);
  // "ik zag dat mijn teamleider …": the person only watches; the colleague acts.
  const watches = tokens.findIndex((t, i) =>
    SUBJECT_ME.has(t) && (OBSERVING.has(tokens[i + 1] ?? '') || (tokens[i + 1] === 'heb' && OBSERVING.has(tokens[i + 2] ?? ''))));
  const watchedColleague = watches >= 0 && tokens.slice(watches + 2, watches + 8).some((t) => COLLEAGUES.has(t));
  const colleagueActs = (firstMe < 0 && firstOther >= 0 && COLLEAGUES.has(tokens[firstOther] ?? '')) || watchedColleague;
  // Giving, sending or inviting is done to someone too, but it is a gift, not unwanted behaviour.
  const gives = tokens.some((t) => GIVING.has(t));
  let doneToMe = false;
  for (let i = 0; i < tokens.length && !doneToMe && !gives; i++) {
    if (!OTHERS.has(tokens[i] ?? '')) continue;
    for (let j = i + 1; j < Math.min(tokens.length, i + 6); j++) {
      if (SUBJECT_ME.has(tokens[j] ?? '')) break;
      if (OBJECT_ME.has(tokens[j] ?? '')) {
        doneToMe = true;
        break;
      }
    }
  }
  const colleagueReceives = tokens.some((t, i) => GIVING.has(t) && receiverIsColleague(tokens, i));
  const first = tokens[0] ?? '';
  const second = tokens[1] ?? '';
  const asksWhether
    = endsWithQuestionMark
      || (ASK.has(first) && (second === 'ik' || second === 'je' || second === 'het' || second === 'dat' || second === 'men'))
      || anyPhrase(tokens, ASKS_WHETHER)
      || (tokens.some((t) => ASK_WORDS.has(t)) && tokens.length <= 12);
  const wantsToDo = anyPhrase(tokens, DO) && !anyPhrase(tokens, ONLY_ASKING);
  const hypothetical = anyPhrase(tokens, HYPOTHETICAL);
  const negated = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    if (!NEGATORS.has(tokens[i] ?? '')) continue;
    for (let j = i + 1; j <= Math.min(tokens.length - 1, i + NEGATION_REACH); j++) {
      if (CLAUSE_BREAK.has(tokens[j] ?? '') || clauseStarts.has(j)) break;
      negated.add(j);
    }
  }
  const obliged = anyPhrase(tokens, OBLIGED);
  const asksObligation = obliged && !tokens.some((t) => HOW.has(t));
  const fragment = FRAGMENT_START.has(first) || tokens.some((t) => ASIDE.has(t));
  return {
    otherActsFirst,
    colleagueActs,
    colleagueReceives,
    asksForOther: anyPhrase(tokens, ON_BEHALF),
    fragment,
    doneToMe,
    firstPerson: firstMe >= 0,
    asksWhether,
    asksObligation,
    wantsToDo,
    hypothetical,
    negated,
  };
}
