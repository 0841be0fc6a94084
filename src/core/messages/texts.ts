/** The bot's own sentences that do not come from a rule. */
export const TEXTS = {
  unreadable:
    'Ik zie geen tekst die ik kan lezen. Stel je vraag gerust in gewone woorden, bijvoorbeeld: "Mag ik een fles wijn van €30 aannemen?"',
  askValueAgain:
    'Ik heb daar geen bedrag in kunnen vinden. Een schatting is genoeg, bijvoorbeeld "ongeveer 30 euro".',
  welcome:
    'Hoi! Ik ben de gedragsbot van {organisatie}. Vraag me in je eigen woorden wat de gedragscode zegt over geschenken, uitnodigingen, nevenwerk, privégebruik, informatie of belangen. Ik bewaar je berichten niet en tel alleen anoniem hoe vaak ik iets beantwoord. Wat je registreert, zien alleen jij en de integriteitscoördinator.',
  whichTopic: 'Ik wil je geen verkeerd antwoord geven. Gaat het om',
  registrationWaiting: 'Je registratie staat nog klaar — verder of stoppen?',
  acknowledged: 'Graag gedaan! Heb je nog een vraag, stel hem gerust.',
  acknowledgedReferral:
    'Graag gedaan. Je staat er niet alleen voor: de vertrouwenspersoon ({vertrouwenspersonen}) is er voor je, ook later nog.',
  acknowledgedNothingOpen: 'Graag gedaan! Waar kan ik je mee helpen? Vraag bijvoorbeeld: "Mag ik een fles wijn van €30 aannemen?"',
  noRule:
    'Daar heb ik geen regel voor gevonden. Overleg je vraag met je leidinggevende, of kijk in de gedragscode op intranet.',
} as const;
