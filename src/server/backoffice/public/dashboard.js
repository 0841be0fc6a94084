// HR's dashboard: draws each chart from the table under it (Chart.js, served by the app itself), so a
// chart never shows a number the table does not. Hidden numbers ("<5", "x") and months without data
// are gaps, not zeros.
(() => {
  const COLOURS = ['#00427a', '#c2410c', '#1b6b35', '#7e22ce', '#a3161b', '#0e7490', '#854d0e', '#be185d', '#3f6212', '#1e40af', '#9a3412', '#374151', '#0f766e'];
  const calm = window.matchMedia('(prefers-reduced-motion: reduce)').matches;

  function read(table) {
    const labels = [...table.querySelectorAll('thead th')].slice(1).map((th) => th.textContent.trim());
    const hasTotal = table.dataset.grafiek !== 'jaren';
    if (hasTotal) labels.pop();
    const rows = [...table.querySelectorAll('tbody tr')].map((tr) => {
      const cells = [...tr.querySelectorAll('td')].slice(0, labels.length);
      return {
        label: tr.querySelector('th').textContent.trim(),
        values: cells.map((td) => (td.dataset.waarde === undefined ? null : Number(td.dataset.waarde))),
      };
    });
    return { labels, rows };
  }

  function draw(table) {
    const canvas = document.getElementById(table.dataset.canvas);
    if (!canvas || typeof Chart === 'undefined') return;
    const kind = table.dataset.grafiek;
    const { labels, rows } = read(table);
    let data;
    if (kind === 'jaren') {
      // Themes along the axis, one bar per year.
      data = {
        labels: rows.map((r) => r.label),
        datasets: labels.map((year, i) => ({
          label: year,
          data: rows.map((r) => r.values[i]),
          backgroundColor: COLOURS[(labels.length - 1 - i) % COLOURS.length],
        })),
      };
    } else {
      data = {
        labels,
        datasets: rows.map((r, i) => ({
          label: r.label,
          data: r.values,
          backgroundColor: COLOURS[i % COLOURS.length],
          borderColor: COLOURS[i % COLOURS.length],
          spanGaps: false,
        })),
      };
    }
    const stacked = kind === 'gestapeld';

    new Chart(canvas, {
      type: kind === 'lijnen' ? 'line' : 'bar',
      data,
      options: {
        animation: calm ? false : undefined,
        maintainAspectRatio: false,
        indexAxis: kind === 'jaren' ? 'y' : 'x',
        scales: { x: { stacked, ticks: { precision: 0 } }, y: { stacked, beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
      },
    });
  }

  document.querySelectorAll('table[data-grafiek][data-canvas]').forEach((table) => {
    if (table.dataset.canvas) draw(table);
  });
})();
