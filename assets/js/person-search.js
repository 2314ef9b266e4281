// Search-as-you-type for the registry's search page (an enhancement: the plain form works without it).
// Posts the form (with its CSRF token) as the user types and swaps in the results fragment.
const form = document.querySelector('form[data-person-search]');
const results = document.getElementById('person-search-results');
const input = form && form.querySelector('input[name="q"]');
if (form && results && input) {
  let timer = 0;
  let controller = null;
  const search = async () => {
    if (input.value.trim().length < 3) return;
    if (controller) controller.abort();
    controller = new AbortController();
    try {
      const res = await fetch(form.action, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-fragment': 'results' },
        body: new URLSearchParams(new FormData(form)).toString(),
        signal: controller.signal,
        credentials: 'same-origin',
      });
      if (res.ok) results.innerHTML = await res.text();
    } catch (err) {
      if (!(err instanceof DOMException && err.name === 'AbortError')) throw err;
    }
  };
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 400);
  });
}
