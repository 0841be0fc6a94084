// The printable report: the button opens the browser's print dialog (no inline handlers: CSP).
(() => {
  const button = document.getElementById('afdrukken');
  if (button) button.addEventListener('click', () => window.print());
})();
