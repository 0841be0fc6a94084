// The web chat: sends text to /api/chat and renders the reply's Adaptive Card with the official renderer,
// the same card Teams shows. A button sends its action id and value; its label is shown as what you chose.
(() => {
  const log = document.getElementById('log');
  const form = document.getElementById('ask');
  const input = document.getElementById('text');

  function say(text) {
    const bubble = document.createElement('div');
    bubble.className = 'me';
    bubble.textContent = text;
    log.appendChild(bubble);
  }

  // A contact's phone number, e-mail address or page comes as a fact whose whole value is one markdown link
  // (the same card Teams gets). Exactly that, and only to a tel:, mailto: or http(s) address, becomes an
  // <a href>; every other text stays plain text, so nothing a person typed can turn into a link or markup.
  const LINK = /^\[([^[\]]+)\]\(((?:tel:\+?\d+)|(?:mailto:[^\s()<>]+)|(?:https?:\/\/[^\s()<>]+))\)$/;
  AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
    const match = LINK.exec(text);
    if (!match) return;
    const anchor = document.createElement('a');
    anchor.href = match[2];
    anchor.textContent = match[1];
    anchor.rel = 'noopener noreferrer';
    result.outputHtml = anchor.outerHTML;
    result.didProcess = true;
  };

  function show(cardJson) {
    const card = new AdaptiveCards.AdaptiveCard();
    card.onExecuteAction = (action) => {
      if (action instanceof AdaptiveCards.SubmitAction && action.data && action.data.action) {
        send(action.title, { action: action.data.action, value: action.data.text || '' });
      }
    };
    card.parse(cardJson);
    const holder = document.createElement('div');
    holder.className = 'bot';
    holder.appendChild(card.render());
    log.appendChild(holder);
    // People who asked their system for less motion get no scrolling animation.
    const calm = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    holder.scrollIntoView({ behavior: calm ? 'auto' : 'smooth', block: 'end' });
  }

  function trouble(message) {
    const line = document.createElement('p');
    line.className = 'error';
    line.textContent = message;
    log.appendChild(line);
  }

  async function send(text, pressed) {
    say(text);
    try {
      const response = await fetch('/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(pressed || { text }),
      });
      const body = await response.json();
      for (const earlier of body.earlier || []) show(earlier);
      if (body.card) show(body.card);
      else trouble(body.error || 'Er ging iets mis. Probeer het nog eens.');
    } catch {
      trouble('De bot is even niet bereikbaar. Probeer het zo nog eens.');
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    send(text);
  });
})();
