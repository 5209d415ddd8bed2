// The progress page of a print: asks for the print's state (GET /prints/<id>.json) and,
// once it changes, opens the print's own page (/prints/<id>), which shows it ready with its
// file, or why it failed. Not this address again: a .docx asked for again would only be
// saved as a download and leave this page as it was. Without script, a <noscript> refresh
// opens the same page every few seconds instead.
(function () {
  "use strict";
  var page = document.getElementById("print-progress");
  if (!page || !window.fetch) { return; }
  var url = page.getAttribute("data-status-url");
  var own = page.getAttribute("data-page-url");
  var shown = page.getAttribute("data-state");
  var wait = 1000;

  function ask() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (status) {
        if (status && status.state !== shown) {
          window.location.assign(own);
          return;
        }
        wait = Math.min(wait * 1.5, 5000);
        window.setTimeout(ask, wait);
      })
      .catch(function () { window.setTimeout(ask, 5000); });
  }

  window.setTimeout(ask, wait);
})();
