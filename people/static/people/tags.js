// Progressive enhancement for the comma-separated tag inputs: as you type the last word,
// ask /profil/taggar/ for matching existing tags and offer them in the <datalist>, each
// suggestion prefixed with what is already typed. Without JavaScript the static list works.
(function () {
  "use strict";
  document.querySelectorAll("input[data-tag-set]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list || !window.fetch) { return; }
    var timer = null;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var parts = input.value.split(",");
        var current = parts.pop().trim();
        if (current.length < 1) { return; }
        var before = parts.map(function (p) { return p.trim(); }).filter(Boolean);
        var url = input.getAttribute("data-endpoint") + "?typ=" + encodeURIComponent(input.getAttribute("data-tag-set")) +
          "&q=" + encodeURIComponent(current);
        window.fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { tags: [] }; })
          .then(function (data) {
            list.textContent = "";
            (data.tags || []).forEach(function (name) {
              var option = document.createElement("option");
              option.value = before.concat([name]).join(", ");
              list.appendChild(option);
            });
          })
          .catch(function () { /* suggestions are optional */ });
      }, 200);
    });
  });
})();
