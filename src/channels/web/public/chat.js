// The web chat: sends a question or a pressed button to /api/chat and shows the answer card the server
// describes (src/channels/web/render.ts). Elements are built with textContent and attributes only, never HTML.
// The transcript is kept in this tab's sessionStorage, so a reload shows the same conversation; the server keeps
// no message text. Without a transcript the page starts a truly new conversation: the server forgets its topic.
(() => {
  const T = JSON.parse(document.getElementById('teksten').textContent);
  const log = document.getElementById('log');
  const form = document.getElementById('ask');
  const input = document.getElementById('text');
  const startButton = document.getElementById('nieuw');
  const KEY = 'gedragsbot.gesprek';
  /** Enough for a long conversation; a full storage must never break the chat. */
  const KEEP = 150;
  const calm = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  let transcript = [];
  let busy = false;

  function load() {
    try {
      const stored = JSON.parse(sessionStorage.getItem(KEY) || '[]');
      return Array.isArray(stored) ? stored : [];
    } catch {
      return [];
    }
  }

  function save() {
    try {
      transcript = transcript.slice(-KEEP);
      sessionStorage.setItem(KEY, JSON.stringify(transcript));
    } catch {
      // Private mode or a full storage: the conversation still works, it is just not restored after a reload.
    }
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** Said to screen readers before each message, so the conversation reads as one. */
  function speaker(text) {
    return element('span', 'visually-hidden', `${text} `);
  }

  /** An e-mail address or page breaks after "@", "/" or "." on a narrow screen, not in the middle of a word. */
  function link(text, href) {
    const a = element('a');
    for (const part of String(text).split(/(?<=[@/.])/)) {
      if (a.childNodes.length > 0) a.appendChild(document.createElement('wbr'));
      a.appendChild(document.createTextNode(part));
    }
    a.href = href;
    return a;
  }

  function paragraphs(holder, text) {
    for (const part of String(text).split(/\n{2,}/)) holder.appendChild(element('p', '', part));
  }

  function contact(block) {
    const box = element('div', 'contact');
    box.appendChild(element('p', '', '')).appendChild(element('strong', '', block.name));
    const list = element('dl');
    for (const detail of block.details || []) {
      list.appendChild(element('dt', '', detail.label));
      const value = element('dd');
      value.appendChild(detail.href ? link(detail.text, detail.href) : document.createTextNode(detail.text));
      list.appendChild(value);
    }
    if (list.childNodes.length > 0) box.appendChild(list);
    return box;
  }

  function source(block) {
    const line = element('p', 'source');
    line.appendChild(block.href ? link(block.text, block.href) : document.createTextNode(block.text));
    return line;
  }

  /** A card's buttons: a used card shows its choice and takes no second click; a passed question takes none. */
  function buttons(entry, holder) {
    const actions = entry.card.actions || [];
    if (actions.length === 0) return;
    const row = element('div', 'actions');
    actions.forEach((action, index) => {
      const button = element('button', [action.primary ? 'primary' : '', action.answer ? 'answer' : ''].join(' ').trim(), action.title);
      button.type = 'button';
      if (entry.used === index) {
        button.classList.add('used');
        button.appendChild(element('span', 'visually-hidden', ` (${T.gekozen})`));
      }
      button.disabled = entry.used !== undefined || (entry.passed === true && action.choice === true);
      button.addEventListener('click', () => press(entry, index, holder));
      row.appendChild(button);
    });
    holder.appendChild(row);
  }

  function render(entry) {
    if (entry.who === 'me') {
      const bubble = element('div', 'me');
      bubble.append(speaker(T.jij), entry.text);
      return bubble;
    }
    if (entry.who === 'error') return element('p', 'error', entry.text);
    const holder = element('div', 'bot');
    holder.appendChild(speaker(T.bot));
    for (const block of entry.card.body || []) {
      if (block.type === 'text') paragraphs(holder, block.text);
      else if (block.type === 'contact') holder.appendChild(contact(block));
      else if (block.type === 'source') holder.appendChild(source(block));
    }
    if (entry.card.links && entry.card.links.length > 0) {
      const links = element('p', 'links');
      for (const download of entry.card.links) {
        const a = link(download.title, download.href);
        a.setAttribute('download', '');
        links.appendChild(a);
      }
      holder.appendChild(links);
    }
    buttons(entry, holder);
    return holder;
  }

  function redraw(entry, holder) {
    const fresh = render(entry);
    holder.replaceWith(fresh);
    return fresh;
  }

  /** The newest card fully in view above the input bar; a card taller than the view shows its beginning. */
  function reveal(node) {
    const fits = node.offsetHeight <= log.clientHeight;
    node.scrollIntoView({ behavior: calm ? 'auto' : 'smooth', block: fits ? 'end' : 'start' });
  }

  /** A new answer closes the questions of earlier cards: their choices belonged to that moment. */
  function passEarlierQuestions() {
    const cards = log.querySelectorAll('.bot');
    transcript.forEach((entry) => {
      if (entry.who !== 'bot' || entry.passed || !(entry.card.actions || []).some((a) => a.choice)) return;
      entry.passed = true;
      for (const card of cards) {
        if (card.entry === entry) redraw(entry, card).entry = entry;
      }
    });
  }

  function add(entry) {
    if (entry.who === 'bot') passEarlierQuestions();
    transcript.push(entry);
    save();
    const node = render(entry);
    node.entry = entry;
    log.appendChild(node);
    reveal(node);
    return node;
  }

  function typing() {
    const indicator = element('div', 'typing');
    indicator.setAttribute('role', 'status');
    indicator.appendChild(element('span', 'visually-hidden', T.typt));
    for (let i = 0; i < 3; i++) indicator.appendChild(element('span', 'dot'));
    log.appendChild(indicator);
    reveal(indicator);
    return indicator;
  }

  /** True when the bot answered; false when the answer did not come (the choice can then be made again). */
  async function send(payload, shown, focusAfter) {
    if (busy) return false;
    busy = true;
    let answered = false;
    if (shown) add({ who: 'me', text: shown });
    const indicator = typing();
    let last = null;
    try {
      const response = await fetch('/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      });
      const body = response.status === 204 ? {} : await response.json();
      indicator.remove();
      for (const earlier of body.earlier || []) add({ who: 'bot', card: earlier });
      if (body.card) {
        last = add({ who: 'bot', card: body.card });
        answered = true;
      } else if (response.status !== 204) add({ who: 'error', text: body.error || T.fout });
    } catch {
      indicator.remove();
      add({ who: 'error', text: T.onbereikbaar });
    } finally {
      busy = false;
    }
    // After a button that the bot answers with a new question, the keyboard goes on at its first answer;
    // otherwise (and after typing) in the input.
    const next = focusAfter === 'card' && last ? last.querySelector('.actions button.answer:not(:disabled)') : null;
    (next || input).focus({ preventScroll: true });
    return answered;
  }

  async function press(entry, index, holder) {
    if (busy || entry.used !== undefined) return;
    const action = entry.card.actions[index];
    entry.used = index;
    save();
    const shown = redraw(entry, holder);
    shown.entry = entry;
    if (await send({ action: action.action, value: action.value || '' }, action.title, 'card')) return;
    // No answer came: the card is usable again, so the choice is not lost.
    delete entry.used;
    save();
    redraw(entry, shown).entry = entry;
  }

  async function startOver() {
    transcript = [];
    save();
    log.replaceChildren();
    await send({ action: 'nog_een_vraag', value: '' }, null, 'input');
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || busy) return;
    input.value = '';
    send({ text }, text, 'input');
  });

  startButton.addEventListener('click', () => {
    if (!busy) startOver();
  });

  transcript = load();
  if (transcript.length === 0) {
    startOver();
  } else {
    log.setAttribute('aria-busy', 'true');
    for (const entry of transcript) log.appendChild(render(entry)).entry = entry;
    log.removeAttribute('aria-busy');
    log.scrollTop = log.scrollHeight;
  }
})();
