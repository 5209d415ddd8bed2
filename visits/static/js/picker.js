// Pickers: a text input showing the chosen record's name, with a hidden input of its id
// after it (templates/_picker.html). As one types, the input's search URL is asked
// (at most 20 matches, any language) and the matches are offered in a listbox; choosing one
// fills both inputs. Typing anew forgets the id: a name left typed is resolved on save, as
// it is without this script. Texts come from the nearest element with data-text-none.
(function () {
  "use strict";

  var boxes = 0;

  function texts(input) {
    return input.closest("[data-text-none]") || document.querySelector("[data-text-none]") ||
      { dataset: {} };
  }

  function enhance(input) {
    if (input.picker || input.closest("template")) return;
    var hidden = input.nextElementSibling;
    var source = texts(input);
    var n = ++boxes;
    var wrap = document.createElement("div");
    wrap.className = "combobox";
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    var list = document.createElement("ul");
    list.id = "picker-results-" + n;
    list.className = "results";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    wrap.appendChild(list);
    input.spellcheck = false;
    if (source.dataset.textSearch) input.placeholder = source.dataset.textSearch;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    var chosen = { id: hidden.value, name: input.value };
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

    function show(records) {
      found = records;
      list.textContent = "";
      active = -1;
      if (!records.length) {
        var none = document.createElement("li");
        none.className = "none";
        none.textContent = source.dataset.textNone || "";
        list.appendChild(none);
      }
      records.forEach(function (record, i) {
        var li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        var name = document.createElement("strong");
        name.textContent = record.name;
        li.appendChild(name);
        var facts = [record.position, record.organization].filter(Boolean).join(", ");
        var others = (record.other_names || []).join(" · ");
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
      var record = found[i];
      chosen = { id: String(record.id), name: record.name };
      hidden.value = chosen.id;
      input.value = chosen.name;
      hidden.dispatchEvent(new Event("change", { bubbles: true }));
      close();
    }

    function ask() {
      var term = input.value.trim();
      if (!term) {
        close();
        return;
      }
      var mine = ++asked;
      var url = input.dataset.searchUrl + "?q=" + encodeURIComponent(term) +
        "&lang=" + encodeURIComponent(document.documentElement.lang || "");
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          return response.ok ? response.json() : {};
        })
        .then(function (answer) {
          var records = answer.people || answer.organizations || [];
          if (mine === asked && document.activeElement === input) show(records);
        })
        .catch(function () {});
    }

    input.addEventListener("input", function () {
      hidden.value = input.value.trim() === chosen.name ? chosen.id : "";
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
          input.value = chosen.name;
          hidden.value = chosen.id;
        }
      }
    });
    input.addEventListener("blur", close);
    input.picker = {
      choose: function (record) {
        found = [record];
        choose(0);
      },
    };
  }

  window.visitsPicker = { enhance: enhance };
  document.querySelectorAll("input[data-search-url]").forEach(enhance);
})();
