// Run in the page by tests/helpers/webchat.ts: what a person could not reach or read, and axe-core's findings.
window.gedragsbotProbes = {
  /**
   * A button or link outside its card or cut off, the conversation running under the input bar, a visible
   * button covered by something else, or (with `newest`) a button of the newest card not in view above the bar.
   */
  layoutProblems(newest) {
    const problems = [];
    const bar = document.getElementById('ask').getBoundingClientRect();
    const log = document.getElementById('log').getBoundingClientRect();
    const width = document.documentElement.clientWidth;
    if (log.bottom > bar.top + 0.5) problems.push('het gesprek loopt onder de invoerbalk');
    if (document.documentElement.scrollWidth > width + 0.5) problems.push('de pagina is breder dan het scherm');
    const cards = [...document.querySelectorAll('.bot')];
    for (const card of cards) {
      const box = card.getBoundingClientRect();
      if (box.right > width + 0.5) problems.push(`kaart breder dan het scherm: ${card.innerText.slice(0, 30)}`);
      for (const control of card.querySelectorAll('button, a')) {
        const r = control.getBoundingClientRect();
        const name = control.innerText.trim();
        const outside = r.left < box.left - 0.5 || r.right > box.right + 0.5;
        if (outside || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) {
          problems.push(`buiten de kaart: ${name}`);
        }
        if (control.scrollWidth > control.clientWidth + 1) problems.push(`afgekapt: ${name}`);
        // A link that wraps is two boxes; its first line is where a person taps.
        const first = control.getClientRects()[0] || r;
        const x = first.left + first.width / 2;
        const y = first.top + first.height / 2;
        // Scrolled out of the conversation's view is fine; in view, nothing may lie on top of it.
        if (y > log.top && y < log.bottom) {
          const top = document.elementFromPoint(x, y);
          if (!top || !(control === top || control.contains(top))) problems.push(`bedekt: ${name}`);
        }
      }
    }
    const last = cards[cards.length - 1];
    if (newest && last) {
      for (const button of last.querySelectorAll('.actions button')) {
        const r = button.getBoundingClientRect();
        if (r.top < log.top - 0.5 || r.bottom > bar.top + 0.5) problems.push(`niet in beeld boven de invoerbalk: ${button.innerText.trim()}`);
      }
    }
    return problems;
  },

  /** axe-core's serious and critical findings ("rule: selector"); axe itself is evaluated first. */
  async seriousViolations() {
    const { violations } = await window.axe.run(document, { resultTypes: ['violations'] });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  },
};
