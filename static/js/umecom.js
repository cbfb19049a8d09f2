/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";

  // After a failed submit, move focus to the error summary so keyboard and screen-reader
  // users hear what went wrong first (its links then lead to each field).
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  });
})();
