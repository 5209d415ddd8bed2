// Participant rows without a page reload: add a row, remove one, move one up or down; a
// search box in place of each person select (type part of a name in any language); and
// dialogs that create a person or a venue without leaving the form.
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
      return Array.prototype.every.call(row.querySelectorAll("select"), function (select, i) {
        return i > 1 || select.value === "";
      });
    });
  }

  function enhanceRow(table, row) {
    giveControls(table, row);
    row.querySelectorAll("select[data-search-url]").forEach(function (select) {
      searchBox(table, select);
    });
  }

  // --- the person search box (a combobox with a listbox) --------------------------------

  var boxes = 0;

  function searchBox(table, select) {
    var n = ++boxes;
    var wrap = document.createElement("div");
    wrap.className = "combobox";
    var input = document.createElement("input");
    input.type = "text";
    input.id = "person-search-" + n;
    input.autocomplete = "off";
    input.spellcheck = false;
    input.placeholder = text(table, "Search");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-label", select.getAttribute("aria-label") || "");
    var list = document.createElement("ul");
    list.id = "person-results-" + n;
    list.className = "results";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.setAttribute("aria-controls", list.id);
    wrap.appendChild(input);
    wrap.appendChild(list);
    select.parentNode.insertBefore(wrap, select);
    // Kept in the form (its value is what is posted), out of sight and out of the tab order.
    select.classList.add("visually-hidden");
    select.tabIndex = -1;
    select.setAttribute("aria-hidden", "true");
    select.addEventListener("change", function () {
      input.value = chosenText();
    });

    var chosenText = function () {
      var option = select.selectedOptions[0];
      return option && option.value ? option.textContent : "";
    };
    input.value = chosenText();
    var found = [];
    var active = -1;
    var asked = 0;
    var timer = null;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function show(people) {
      found = people;
      list.textContent = "";
      active = -1;
      if (!people.length) {
        var none = document.createElement("li");
        none.className = "none";
        none.textContent = text(table, "None");
        list.appendChild(none);
      }
      people.forEach(function (person, i) {
        var li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        var name = document.createElement("strong");
        name.textContent = person.name;
        li.appendChild(name);
        var facts = [person.position, person.organization].filter(Boolean).join(", ");
        var others = person.other_names.join(" · ");
        [others, facts].forEach(function (line) {
          if (!line) return;
          var span = document.createElement("span");
          span.className = "meta";
          span.textContent = line;
          li.appendChild(span);
        });
        li.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the box
          choose(i);
        });
        list.appendChild(li);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function highlight(i) {
      var options = list.querySelectorAll("[role=option]");
      if (!options.length) return;
      active = (i + options.length) % options.length;
      options.forEach(function (li, k) {
        li.setAttribute("aria-selected", k === active ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    }

    function choose(i) {
      var person = found[i];
      var value = String(person.id);
      var option = Array.prototype.find.call(select.options, function (o) {
        return o.value === value;
      });
      if (!option) {
        option = new Option(person.name, value);
        select.appendChild(option);
      }
      select.value = value;
      input.value = option.textContent;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      close();
    }

    function ask() {
      var term = input.value.trim();
      if (!term) {
        close();
        return;
      }
      var mine = ++asked;
      var url = select.dataset.searchUrl + "?q=" + encodeURIComponent(term) +
        "&lang=" + encodeURIComponent(document.documentElement.lang || "");
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          return response.ok ? response.json() : { people: [] };
        })
        .then(function (answer) {
          if (mine === asked && document.activeElement === input) show(answer.people);
        })
        .catch(function () {});
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (list.hidden) {
          ask();
        } else {
          highlight(active + (event.key === "ArrowDown" ? 1 : -1));
        }
      } else if (event.key === "Enter") {
        if (!list.hidden && active >= 0) {
          event.preventDefault();
          choose(active);
        } else if (!list.hidden) {
          event.preventDefault(); // Enter in an open list never saves the form
        }
      } else if (event.key === "Escape") {
        if (!list.hidden) {
          event.preventDefault();
          close();
        } else {
          input.value = chosenText();
        }
      }
    });
    input.addEventListener("blur", function () {
      close();
      if (!input.value.trim()) {
        select.value = "";
      } else {
        input.value = chosenText();
      }
    });
    select.searchBox = { choose: function (person) { found = [person]; choose(0); } };
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
    var select = row.querySelector("select[data-search-url]");
    select.searchBox.choose(record);
    row.querySelector("input, select").focus();
  }

  function wireDialog(opener, table) {
    var dialog = document.getElementById(opener.dataset.dialog);
    if (!dialog || typeof dialog.showModal !== "function") return;
    var form = dialog.querySelector("form");
    opener.addEventListener("click", function (event) {
      event.preventDefault();
      form.reset();
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
