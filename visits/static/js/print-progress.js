// The progress page of a print: asks for the print's state (GET /prints/<id>.json) and
// reloads the page once the print is ready or has failed. Without script, a <noscript>
// refresh reloads the page every few seconds instead.
(function () {
  "use strict";
  var page = document.getElementById("print-progress");
  if (!page || !window.fetch) { return; }
  var url = page.getAttribute("data-status-url");
  var shown = page.getAttribute("data-state");
  var wait = 1000;

  function ask() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (status) {
        if (status && status.state !== shown) {
          window.location.reload();
          return;
        }
        wait = Math.min(wait * 1.5, 5000);
        window.setTimeout(ask, wait);
      })
      .catch(function () { window.setTimeout(ask, 5000); });
  }

  window.setTimeout(ask, wait);
})();
