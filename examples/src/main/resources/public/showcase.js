// The showcase index's script, served from the class path's public/ at /static/showcase.js (StaticFiles):
// counts the examples and filters them as one types.
(() => {
  const examples = Array.from(document.querySelectorAll(".example"));
  const count = document.getElementById("count");
  const filter = document.getElementById("filter");

  function show() {
    const words = filter.value.trim().toLowerCase();
    let shown = 0;
    for (const example of examples) {
      example.hidden = words !== "" && !example.textContent.toLowerCase().includes(words);
      shown += example.hidden ? 0 : 1;
    }
    count.textContent = shown === examples.length ? examples.length + " examples" : shown + " of " + examples.length + " examples";
  }

  filter.hidden = false;
  filter.addEventListener("input", show);
  show();
})();
