// Participant rows without a page reload: add a row, remove one, move one up or down (each
// row's pickers offer matches as one types: picker.js); and dialogs that create a person
// or a venue without leaving the form.
// Without this script every part still works through the form's own buttons.
(function () {
  "use strict";

  var ROW_NAME = /^(\w+)-(\d+|__index__)-/;
  var NUMBER_AT_END = /(\d+|__number__)$/;

  function text(table, key, number) {
    return (table.dataset["text" + key] || "").replace("{n}", number);
  }

  // --- rows ------------------------------------------------------------------------------

  function rowsOf(table) {
    return Array.prototype.slice.call(table.tBodies[0].rows);
  }

  function renumber(table) {
    rowsOf(table).forEach(function (row, index) {
      row.cells[0].textContent = String(index + 1);
      row.querySelectorAll("[name],[id],[for],[aria-controls],[aria-label]").forEach(function (el) {
        ["name", "id", "for", "aria-controls"].forEach(function (attr) {
          var value = el.getAttribute(attr);
          if (value && ROW_NAME.test(value)) {
            el.setAttribute(attr, value.replace(ROW_NAME, "$1-" + index + "-"));
          }
        });
        var label = el.getAttribute("aria-label");
        if (label && NUMBER_AT_END.test(label)) {
          el.setAttribute("aria-label", label.replace(NUMBER_AT_END, String(index + 1)));
        }
      });
      row.querySelectorAll("button[data-move]").forEach(function (button) {
        var up = button.dataset.move === "up";
        button.disabled = up ? index === 0 : index === rowsOf(table).length - 1;
      });
    });
  }

  function button(label, title, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "secondary small";
    b.textContent = label;
    b.title = title;
    b.setAttribute("aria-label", title);
    b.addEventListener("click", onClick);
    return b;
  }

  function giveControls(table, row) {
    var cell = row.cells[row.cells.length - 1];
    cell.textContent = "";
    var rowLabel = function () {
      return text(table, "Row", rowsOf(table).indexOf(row) + 1);
    };
    var up = button("↑", text(table, "Up"), function () {
      if (row.previousElementSibling) row.parentNode.insertBefore(row, row.previousElementSibling);
      renumber(table);
      (up.disabled ? down : up).focus();
    });
    var down = button("↓", text(table, "Down"), function () {
      if (row.nextElementSibling) row.parentNode.insertBefore(row.nextElementSibling, row);
      renumber(table);
      (down.disabled ? up : down).focus();
    });
    var remove = button("✕", text(table, "Remove"), function () {
      var next = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      renumber(table);
      var focus = next && next.querySelector("input, select");
      if (focus) focus.focus();
    });
    up.dataset.move = "up";
    down.dataset.move = "down";
    [up, down, remove].forEach(function (b) {
      b.addEventListener("focus", function () {
        b.setAttribute("aria-label", b.title + " — " + rowLabel());
      });
      cell.appendChild(b);
    });
  }

  function addRow(table) {
    var template = document.getElementById("participant-row");
    var row = template.content.firstElementChild.cloneNode(true);
    row.className = "participant";
    table.tBodies[0].appendChild(row);
    enhanceRow(table, row);
    renumber(table);
    return row;
  }

  function blankRow(table) {
    return rowsOf(table).find(function (row) {
      return Array.prototype.every.call(row.querySelectorAll("input[data-search-url]"), function (input) {
        return input.value.trim() === "";
      });
    });
  }

  function enhanceRow(table, row) {
    giveControls(table, row);
    row.querySelectorAll("input[data-search-url]").forEach(function (input) {
      if (window.visitsPicker) window.visitsPicker.enhance(input);
    });
  }

  // --- dialogs that create a person or a venue ------------------------------------------

  function showErrors(form, errors) {
    form.querySelectorAll("[data-error-for]").forEach(function (p) {
      var messages = errors[p.dataset.errorFor] || [];
      p.textContent = messages.join(" ");
      p.hidden = !messages.length;
      var input = form.elements[p.dataset.errorFor];
      if (input && input.setAttribute) input.setAttribute("aria-invalid", messages.length ? "true" : "false");
    });
    var first = form.querySelector("[aria-invalid=true]");
    if (first) first.focus();
  }

  function created(kind, record, table) {
    if (kind === "venue") {
      var venue = document.getElementById("venue_id");
      venue.appendChild(new Option(record.name, String(record.id)));
      venue.value = String(record.id);
      venue.focus();
      return;
    }
    var row = blankRow(table) || addRow(table);
    var input = row.querySelector("input[data-search-url]");
    if (input.picker) {
      input.picker.choose(record);
    } else {
      input.value = record.name;
      input.nextElementSibling.value = String(record.id);
    }
    row.querySelector("input, select").focus();
  }

  function wireDialog(opener, table) {
    var dialog = document.getElementById(opener.dataset.dialog);
    if (!dialog || typeof dialog.showModal !== "function") return;
    var form = dialog.querySelector("form");
    opener.addEventListener("click", function (event) {
      event.preventDefault();
      form.reset();
      form.querySelectorAll("input[type=hidden]:not([name=csrf_token])").forEach(function (h) {
        h.value = ""; // a picker's id (reset leaves hidden inputs as they are)
      });
      showErrors(form, {});
      dialog.showModal();
      form.querySelector("input:not([type=hidden])").focus();
    });
    dialog.querySelector("[data-close]").addEventListener("click", function () {
      dialog.close();
      opener.focus();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var send = form.querySelector("button[type=submit]");
      send.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          return response
            .json()
            .catch(function () {
              return {};
            })
            .then(function (body) {
              if (response.status === 201) {
                dialog.close();
                created(form.dataset.quick, body, table);
              } else {
                showErrors(form, body.errors || { "": [dialog.dataset.failed || response.statusText] });
              }
            });
        })
        .catch(function () {
          showErrors(form, { "": [dialog.dataset.failed || "…"] });
        })
        .finally(function () {
          send.disabled = false;
        });
    });
  }

  // --- start ---------------------------------------------------------------------------

  document.querySelectorAll("table[data-rows]").forEach(function (table) {
    rowsOf(table).forEach(function (row) {
      enhanceRow(table, row);
    });
    renumber(table);
    var form = table.closest("form");
    form.querySelectorAll("button[data-add-row]").forEach(function (more) {
      more.textContent = text(table, "Add");
      more.addEventListener("click", function (event) {
        event.preventDefault();
        var row = addRow(table);
        row.querySelector("input, select").focus();
      });
    });
    form.querySelectorAll("button[data-dialog]").forEach(function (opener) {
      wireDialog(opener, table);
    });
  });
})();
