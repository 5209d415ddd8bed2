// The new-event form: the end follows the start (the event keeps its length) and the kind
// (a meeting lasts 60 minutes, a ceremony 30, as the office configured) until the user
// types an end of their own. Without this script the times are simply typed.
(function () {
  "use strict";

  var DAY = 24 * 60;
  var form = document.querySelector("form.event[data-durations]");
  if (!form) {
    return;
  }
  var durations = JSON.parse(form.dataset.durations);
  var kind = form.querySelector("#kind");
  var start = form.querySelector("#start_time");
  var end = form.querySelector("#end_time");
  var nextDay = form.querySelector("#ends_next_day");
  if (!kind || !start || !end) {
    return;
  }

  function minutes(value) {
    var found = /^(\d{1,2}):(\d{2})/.exec(value || "");
    return found ? Number(found[1]) * 60 + Number(found[2]) : null;
  }

  function clock(total) {
    var t = ((total % DAY) + DAY) % DAY;
    var pad = function (n) {
      return (n < 10 ? "0" : "") + n;
    };
    return pad(Math.floor(t / 60)) + ":" + pad(t % 60);
  }

  function length() {
    var from = minutes(start.value);
    var to = minutes(end.value);
    if (from === null || to === null) {
      return null;
    }
    return to - from + (nextDay && nextDay.checked ? DAY : 0);
  }

  var typed = false; // the user typed an end: the kind no longer decides it
  var lasting = length();

  function follow() {
    var from = minutes(start.value);
    if (from === null || !lasting || lasting <= 0) {
      return;
    }
    end.value = clock(from + lasting);
    if (nextDay) {
      nextDay.checked = from + lasting >= DAY;
    }
  }

  start.addEventListener("change", follow);
  kind.addEventListener("change", function () {
    if (!typed && durations[kind.value]) {
      lasting = durations[kind.value];
      follow();
    }
  });
  end.addEventListener("change", function () {
    typed = true;
    lasting = length();
  });
  if (nextDay) {
    nextDay.addEventListener("change", function () {
      lasting = length();
    });
  }
})();
