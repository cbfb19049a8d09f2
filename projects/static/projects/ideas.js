/* "Similar ideas" while the title and summary are typed. Progressive enhancement: without
   this file the same check runs when the form is sent. No inline script (CSP). */
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("[data-similar-form]");
    var box = document.querySelector("[data-similar-box]");
    if (!form || !box || !window.fetch) {
      return;
    }
    var list = box.querySelector("[data-similar-list]");
    var sources = form.querySelectorAll("[data-similar-source]");
    var timer = null;
    var last = "";

    function text() {
      return Array.prototype.map.call(sources, function (el) { return el.value; }).join(" ").trim();
    }

    function show(results) {
      list.textContent = "";
      results.forEach(function (r) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = r.url;
        a.textContent = r.title;
        li.appendChild(a);
        li.appendChild(document.createTextNode(" – " + r.summary));
        list.appendChild(li);
      });
      box.hidden = results.length === 0;
    }

    function check() {
      var q = text();
      if (q.length < 4 || q === last) {
        return;
      }
      last = q;
      var params = new URLSearchParams({ utmaning: form.dataset.challenge, q: q });
      if (form.dataset.exclude) {
        params.set("utom", form.dataset.exclude);
      }
      fetch(form.dataset.similarUrl + "?" + params.toString(), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          show(data.results || []);
          // The visitor has now seen the look-alikes: the server need not stop them again.
          var checked = form.querySelector("input[name='similar_checked']");
          if (checked) {
            checked.value = "1";
          }
        })
        .catch(function () { /* the server-side check still runs on submit */ });
    }

    Array.prototype.forEach.call(sources, function (el) {
      el.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(check, 400);
      });
    });

    // A double click must not send the form twice (the server also makes only one idea).
    form.addEventListener("submit", function () {
      window.setTimeout(function () {
        Array.prototype.forEach.call(form.querySelectorAll("button[type='submit']"), function (b) {
          b.disabled = true;
        });
      }, 0);
    });
  });
})();
