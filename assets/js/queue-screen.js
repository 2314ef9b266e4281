// The queue's screen (a TV in the hall): without JavaScript the page reloads itself every few seconds; with it, the
// list of called tickets is fetched every 3 seconds and redrawn in place, and — once someone presses «Увімкнути звук»
// (browsers allow sound only after a gesture) — a short tone sounds when a ticket is called or called again.
const root = document.querySelector('[data-queue-screen]');
if (root) {
  // The page's own reload is for browsers without JavaScript.
  document.querySelector('meta[http-equiv="refresh"]')?.remove();
  const body = root.querySelector('tbody');
  const button = root.querySelector('.tb-screen__sound');
  let audio = null;
  let last = '';
  const beep = () => {
    if (!audio) return;
    const o = audio.createOscillator();
    const g = audio.createGain();
    o.frequency.value = 880;
    g.gain.setValueAtTime(0.2, audio.currentTime);
    g.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.6);
    o.connect(g).connect(audio.destination);
    o.start();
    o.stop(audio.currentTime + 0.6);
  };
  const cell = (text) => {
    const td = document.createElement('td');
    td.className = 'govuk-table__cell';
    td.textContent = text;
    return td;
  };
  const draw = (called) => {
    body.replaceChildren(
      ...(called.length
        ? called.map((c, i) => {
            const tr = document.createElement('tr');
            tr.className = `govuk-table__row${i === 0 ? ' tb-screen__latest' : ''}`;
            tr.append(cell(c.code), cell(String(c.window)));
            return tr;
          })
        : [
            (() => {
              const tr = document.createElement('tr');
              tr.className = 'govuk-table__row';
              const td = cell(root.dataset.labelEmpty);
              td.colSpan = 2;
              tr.append(td);
              return tr;
            })(),
          ]),
    );
  };
  const poll = async () => {
    try {
      const res = await fetch(root.dataset.queueScreen, { credentials: 'same-origin', cache: 'no-store' });
      if (res.ok) {
        const { called } = await res.json();
        const top = called[0] ? `${called[0].code}:${called[0].calls}:${called[0].at}` : '';
        if (top && top !== last && last !== '') beep();
        last = top || 'none';
        draw(called);
      }
    } catch {
      // Offline for a moment: the next poll tries again.
    }
  };
  if (button) {
    button.hidden = false;
    button.addEventListener('click', () => {
      if (audio) {
        void audio.close();
        audio = null;
        button.textContent = button.dataset.soundOn;
      } else {
        audio = new AudioContext();
        button.textContent = button.dataset.soundOff;
        beep();
      }
    });
  }
  void poll();
  window.setInterval(poll, 3000);
}
