// The printed programme's "Print" button: shown only when this script runs (without it,
// the browser's own Print command does the same), it opens the print dialog.
(function () {
  "use strict";

  var button = document.querySelector("button.print-button");
  if (!button) {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
})();
