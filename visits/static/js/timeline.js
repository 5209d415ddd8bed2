// The day timeline, for editors: drag a block to move it (on a 5-minute step), drag its
// right edge to change its end, drop it in another venue's lane (the view by venue), or
// click an empty slot to add an event there. The keyboard does the same on the focused
// block: arrows move it by 5 minutes, Shift with arrows moves its end, Alt with Up or
// Down changes its lane, Escape forgets what was not sent yet, Enter opens its form.
//
// Each gesture is posted to the block's `data-place` address, which saves it through the
// same service as the event form and answers with the redrawn day and its warnings
// (HTML, swapped in here). Without this script blocks and slots are plain links.
(function () {
  "use strict";

  var STEP = 5; // minutes: the same step as visits/scheduling/placing.py
  var DRAG_THRESHOLD = 3; // drawing units a pointer travels before a press becomes a drag
  var KEY_PAUSE_MS = 700; // keys pressed in a row are sent as one gesture after this pause

  var area = document.getElementById("timeline-area");
  if (!area) {
    return;
  }
  var note = document.getElementById("timeline-note");
  var busy = false;
  var drag = null; // the pointer gesture under way
  var keyed = null; // the keyboard gesture waiting for its pause
  var swallowClick = false;

  function svg() {
    return area.querySelector("#timeline-figure svg");
  }

  function geometry() {
    var data = svg().dataset;
    return {
      scale: Number(data.scale),
      top: Number(data.top),
      laneHeight: Number(data.laneHeight),
      firstHour: Number(data.firstHour),
      mode: data.mode,
      lanes: Array.prototype.map.call(svg().querySelectorAll("rect.lane"), function (rect) {
        return rect.dataset.lane;
      })
    };
  }

  // The wall-clock minute on the step nearest to `minute` (a half step rounds up), as
  // placing.snap does on the server.
  function snap(minute) {
    return Math.floor((minute + Math.floor(STEP / 2)) / STEP) * STEP;
  }

  function clock(minute) {
    var day = ((minute % 1440) + 1440) % 1440;
    var hours = Math.floor(day / 60);
    var minutes = day % 60;
    return (hours < 10 ? "0" : "") + hours + ":" + (minutes < 10 ? "0" : "") + minutes;
  }

  function svgPoint(event) {
    var matrix = svg().getScreenCTM();
    var point = new DOMPoint(event.clientX, event.clientY);
    return point.matrixTransform(matrix.inverse());
  }

  // Where a gesture puts the block: start and end in minutes from the window's start,
  // and its lane, worked out as the server will.
  function outcome(block, gesture, geo) {
    var start = Number(block.dataset.start);
    var end = Number(block.dataset.end);
    var origin = geo.firstHour * 60;
    if (gesture.move) {
      var moved = snap(origin + start + gesture.move) - origin;
      end += moved - start;
      start = moved;
    }
    if (gesture.stretch) {
      end = snap(origin + end + gesture.stretch) - origin;
    }
    return { start: start, end: end, lane: gesture.lane || block.dataset.lane };
  }

  function parts(block) {
    if (!block.timelineParts) {
      var shape = block.querySelector("rect.block");
      var label = block.querySelector("svg.block-label");
      var handle = block.querySelector("rect.handle");
      block.timelineParts = {
        shape: shape,
        label: label,
        handle: handle,
        x: Number(shape.getAttribute("x")),
        width: Number(shape.getAttribute("width")),
        labelWidth: Number(label.getAttribute("width"))
      };
    }
    return block.timelineParts;
  }

  // Draw the block where the gesture would put it (nothing is saved yet).
  function preview(block, gesture) {
    var geo = geometry();
    var next = outcome(block, gesture, geo);
    var p = parts(block);
    var shift = (next.start - Number(block.dataset.start)) * geo.scale;
    var width = Math.max((next.end - next.start) * geo.scale, 2);
    var rows = geo.lanes.indexOf(next.lane) - geo.lanes.indexOf(block.dataset.lane);
    block.setAttribute("transform", "translate(" + shift + " " + rows * geo.laneHeight + ")");
    p.shape.setAttribute("width", width);
    p.label.setAttribute("width", Math.max(width - 6, 0));
    if (p.handle) {
      p.handle.setAttribute("x", p.x + width - 4);
    }
    block.classList.add("moving");
    var origin = geo.firstHour * 60;
    say(block, clock(origin + next.start) + "–" + clock(origin + next.end), "pending");
    return next;
  }

  function restore(block) {
    var p = parts(block);
    block.removeAttribute("transform");
    p.shape.setAttribute("width", p.width);
    p.label.setAttribute("width", p.labelWidth);
    if (p.handle) {
      p.handle.setAttribute("x", p.x + p.width - 4);
    }
    block.classList.remove("moving");
  }

  function unchanged(block, next) {
    return (
      next.start === Number(block.dataset.start) &&
      next.end === Number(block.dataset.end) &&
      next.lane === block.dataset.lane
    );
  }

  // A message beside the block the user acted on (or above the drawing).
  function say(block, text, kind, link) {
    note.textContent = text;
    note.className = "timeline-note " + (kind || "");
    if (link) {
      var anchor = document.createElement("a");
      anchor.href = link.url;
      anchor.textContent = link.text;
      note.appendChild(document.createTextNode(" "));
      note.appendChild(anchor);
    }
    note.hidden = false;
    var box = block && block.isConnected ? block.getBoundingClientRect() : null;
    var frame = area.getBoundingClientRect();
    var left = box ? box.left - frame.left : 0;
    note.style.left = Math.max(Math.min(left, frame.width - note.offsetWidth), 0) + "px";
    note.style.top = box ? box.bottom - frame.top + 4 + "px" : "0px";
  }

  function blockOf(eventId) {
    return area.querySelector('a.movable[data-event="' + eventId + '"]');
  }

  function send(block, gesture, refocus) {
    var form = new FormData();
    form.append("csrf_token", area.dataset.csrf);
    form.append("version_id", block.dataset.version);
    form.append("move", String(Math.round(gesture.move || 0)));
    form.append("stretch", String(Math.round(gesture.stretch || 0)));
    if (gesture.lane && gesture.lane !== block.dataset.lane) {
      form.append("lane", gesture.lane);
    }
    form.append("shown", geometry().lanes.join(" "));
    form.append("day", area.dataset.day);
    form.append("by", area.dataset.by);
    busy = true;
    area.setAttribute("aria-busy", "true");
    fetch(block.dataset.place, {
      method: "POST",
      body: form,
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (type.indexOf("application/json") === -1) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (answer) {
        document.getElementById("timeline-figure").innerHTML = answer.timeline;
        document.getElementById("timeline-warnings").innerHTML = answer.warnings;
        var placed = blockOf(answer.event);
        say(placed || svg(), answer.message, answer.ok ? "done" : "refused", answer.form);
        if (refocus && placed) {
          placed.focus();
        }
      })
      .catch(function () {
        restore(block);
        say(block, area.dataset.failed, "refused");
      })
      .then(function () {
        busy = false;
        area.removeAttribute("aria-busy");
      });
  }

  // Pointer gestures.
  area.addEventListener("pointerdown", function (event) {
    var block = event.target.closest("a.movable");
    if (!block || event.button !== 0 || busy || keyed) {
      return;
    }
    event.preventDefault();
    block.focus();
    var point = svgPoint(event);
    drag = {
      block: block,
      edge: event.target.classList.contains("handle"),
      x: point.x,
      y: point.y,
      moving: false,
      gesture: {}
    };
    block.setPointerCapture(event.pointerId);
  });

  area.addEventListener("pointermove", function (event) {
    if (!drag) {
      return;
    }
    var point = svgPoint(event);
    var dx = point.x - drag.x;
    var dy = point.y - drag.y;
    if (!drag.moving && Math.abs(dx) < DRAG_THRESHOLD && Math.abs(dy) < DRAG_THRESHOLD) {
      return;
    }
    drag.moving = true;
    var geo = geometry();
    var minutes = dx / geo.scale;
    if (drag.edge) {
      drag.gesture = { stretch: minutes };
    } else {
      drag.gesture = { move: minutes };
      if (geo.mode === "venue") {
        var here = geo.lanes.indexOf(drag.block.dataset.lane);
        var row = Math.round(dy / geo.laneHeight) + here;
        drag.gesture.lane = geo.lanes[Math.min(Math.max(row, 0), geo.lanes.length - 1)];
      }
    }
    drag.next = preview(drag.block, drag.gesture);
  });

  function endDrag(event, cancelled) {
    if (!drag) {
      return;
    }
    var current = drag;
    drag = null;
    if (current.block.hasPointerCapture(event.pointerId)) {
      current.block.releasePointerCapture(event.pointerId);
    }
    if (!current.moving) {
      return; // a click: the link opens the form
    }
    swallowClick = true;
    if (cancelled || !current.next || unchanged(current.block, current.next)) {
      restore(current.block);
      note.hidden = true;
      return;
    }
    send(current.block, current.gesture, false);
  }

  area.addEventListener("pointerup", function (event) {
    endDrag(event, false);
  });
  area.addEventListener("pointercancel", function (event) {
    endDrag(event, true);
  });
  area.addEventListener("dragstart", function (event) {
    if (event.target.closest && event.target.closest("a.movable, a.slot")) {
      event.preventDefault();
    }
  });

  // A click after a drag is not a click; a click on an empty spot of a lane opens the
  // new-event form at the time clicked (its link, without script, names the day and the
  // lane's venue only).
  area.addEventListener("click", function (event) {
    if (swallowClick) {
      swallowClick = false;
      if (event.target.closest("a.movable")) {
        event.preventDefault();
        return;
      }
    }
    var slot = event.target.closest("a.slot");
    if (!slot) {
      return;
    }
    var geo = geometry();
    var within = (svgPoint(event).x - Number(svg().dataset.labelWidth)) / geo.scale;
    var minute = geo.firstHour * 60 + Math.floor(Math.max(within, 0) / STEP) * STEP;
    var when = new Date(area.dataset.day + "T00:00:00Z");
    when.setUTCMinutes(minute);
    var url = new URL(slot.getAttribute("href"), window.location.href);
    url.searchParams.set("day", when.toISOString().slice(0, 10));
    url.searchParams.set("start", when.toISOString().slice(11, 16));
    event.preventDefault();
    window.location.assign(url.toString());
  });

  // Keyboard gestures: keys pressed in a row add up and are sent after a pause.
  area.addEventListener("keydown", function (event) {
    var block = event.target.closest && event.target.closest("a.movable");
    if (!block || busy) {
      return;
    }
    if (event.key === "Escape" && keyed) {
      clearTimeout(keyed.timer);
      restore(keyed.block);
      keyed = null;
      note.hidden = true;
      return;
    }
    var geo = geometry();
    var sign = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: 1, ArrowUp: -1 }[event.key];
    var sideways = event.key === "ArrowRight" || event.key === "ArrowLeft";
    var lanewise = event.altKey && !sideways && sign && geo.mode === "venue";
    if (!sign || (!sideways && !lanewise) || (sideways && event.altKey)) {
      return;
    }
    event.preventDefault();
    if (!keyed || keyed.block !== block) {
      keyed = { block: block, gesture: { move: 0, stretch: 0, lane: null } };
    }
    clearTimeout(keyed.timer);
    var gesture = keyed.gesture;
    if (lanewise) {
      var row = geo.lanes.indexOf(gesture.lane || block.dataset.lane) + sign;
      gesture.lane = geo.lanes[Math.min(Math.max(row, 0), geo.lanes.length - 1)];
    } else if (event.shiftKey) {
      gesture.stretch += sign * STEP;
    } else {
      gesture.move += sign * STEP;
    }
    var next = preview(block, gesture);
    keyed.timer = setTimeout(function () {
      var waiting = keyed;
      keyed = null;
      if (unchanged(waiting.block, next)) {
        restore(waiting.block);
        note.hidden = true;
        return;
      }
      send(waiting.block, waiting.gesture, true);
    }, KEY_PAUSE_MS);
  });
})();
