/* The check-in desk of one event (templates/events/admin/check_in_desk.html).

   Without this script the desk works by plain forms. With it, the desk
   downloads the event's ticket list (code, name, status, check-in time), keeps
   it in localStorage, checks people in locally and queues each check-in with
   its local time; the queue is sent to the server (POST, CSRF token in a
   header) at once when online, and when the network comes back otherwise.
   The server keeps the first time of a ticket checked in at two doors and
   reports the second as a duplicate (like pretixSCAN's offline mode).

   The camera reads QR codes with the browser's BarcodeDetector where it has
   one (Chrome on Android, Safari with it enabled), else with the vendored
   jsQR (static/js/vendor/jsqr), loaded only then. */
(function () {
  "use strict";
  var root = document.querySelector("[data-desk]");
  if (!root || !window.fetch || !window.JSON) { return; }
  var strings = JSON.parse(document.getElementById("checkin-strings").textContent);
  var form = root.querySelector("[data-check-in]");
  var input = form.querySelector("input[name=code]");
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var statusLine = root.querySelector("[data-desk-status]");
  var resultLine = root.querySelector("[data-desk-result]");
  var storeKey = "coe-checkin-" + root.getAttribute("data-event");
  forgetOldLists();
  var state = load();
  var index = {};
  var listReady = false;
  var flushing = false;

  // --- codes (the same rules as events/checkin/codes.py) -------------------
  var ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

  function squeeze(typed) {
    return String(typed || "").replace(/[\s-]+/g, "").toUpperCase();
  }

  function shortForm(typed) {
    var code = squeeze(typed).replace(/[IL]/g, "1").replace(/O/g, "0");
    if (code.length !== 8) { return null; }
    for (var i = 0; i < code.length; i++) {
      if (ALPHABET.indexOf(code.charAt(i)) < 0) { return null; }
    }
    return code;
  }

  function checkCharacter(body) {
    var total = 0;
    var factor = 2;
    for (var i = body.length - 1; i >= 0; i--) {
      var addend = factor * ALPHABET.indexOf(body.charAt(i));
      total += Math.floor(addend / 32) + (addend % 32);
      factor = factor === 2 ? 1 : 2;
    }
    return ALPHABET.charAt((32 - (total % 32)) % 32);
  }

  function find(typed) {
    var squeezed = squeeze(typed);
    var short = shortForm(typed);
    return index[squeezed] || (short && index[short]) || null;
  }

  // --- state -----------------------------------------------------------------
  function load() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(storeKey));
      if (saved && saved.tickets && saved.queue) { return saved; }
    } catch (error) { /* private mode or damaged: start empty */ }
    return { tickets: [], queue: [] };
  }

  function save() {
    state.savedAt = Date.now();
    try { window.localStorage.setItem(storeKey, JSON.stringify(state)); } catch (error) { /* full */ }
  }

  // Names stay on a door's device no longer than needed: another event's list
  // untouched for two days, with nothing left to sync, is removed.
  function forgetOldLists() {
    try {
      for (var i = window.localStorage.length - 1; i >= 0; i--) {
        var key = window.localStorage.key(i);
        if (key.indexOf("coe-checkin-") !== 0 || key === storeKey) { continue; }
        var old = JSON.parse(window.localStorage.getItem(key)) || {};
        var stale = !old.savedAt || Date.now() - old.savedAt > 2 * 24 * 3600 * 1000;
        if (stale && !(old.queue && old.queue.length)) { window.localStorage.removeItem(key); }
      }
    } catch (error) { /* no storage */ }
  }

  function reindex() {
    index = {};
    state.tickets.forEach(function (ticket) {
      index[ticket.code] = ticket;
      if (ticket.old_code) { index[ticket.old_code] = ticket; }
    });
  }

  function format(text, values) {
    return text.replace(/\{(\w+)\}/g, function (match, key) { return values[key]; });
  }

  function timeOf(iso) {
    var lang = document.documentElement.lang || "en";
    return new Date(iso).toLocaleTimeString(lang + "-IN", {
      timeZone: "Asia/Kolkata", hour: "numeric", minute: "2-digit"
    });
  }

  function say(text, kind) {
    resultLine.hidden = false;
    resultLine.textContent = text;
    resultLine.className = "checkin-desk__result checkin-desk__result--" + kind;
  }

  function showCounts() {
    if (!listReady) { return; }
    var confirmed = 0;
    var checkedIn = 0;
    state.tickets.forEach(function (ticket) {
      if (ticket.status === "confirmed") {
        confirmed += 1;
        if (ticket.checked_in_at) { checkedIn += 1; }
      }
    });
    var values = { checked_in: checkedIn, confirmed: confirmed, expected: confirmed - checkedIn };
    Object.keys(values).forEach(function (key) {
      root.querySelector("[data-count=" + key + "]").textContent = values[key];
    });
  }

  function showStatus() {
    var waiting = state.queue.length;
    var text;
    if (!navigator.onLine) {
      text = format(strings.offline, { n: waiting });
    } else if (waiting) {
      text = format(strings.waiting, { n: waiting });
    } else if (listReady) {
      text = format(strings.ready, { n: state.tickets.length });
    } else {
      text = strings.online;
    }
    statusLine.hidden = false;
    statusLine.textContent = text;
    root.setAttribute("data-waiting", String(waiting));
  }

  // --- the list and the queue ---------------------------------------------------
  function download() {
    return window.fetch(root.getAttribute("data-tickets-url"), {
      credentials: "same-origin", headers: { Accept: "application/json" }
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (data) {
      state.tickets = data.tickets;
      reindex();
      // Check-ins not yet synced stay checked in here.
      state.queue.forEach(function (item) {
        var ticket = find(item.code);
        if (ticket && !ticket.checked_in_at) { ticket.checked_in_at = item.at; }
      });
      listReady = true;
      save();
      root.setAttribute("data-list-ready", "true");
    }).catch(function () {
      listReady = state.tickets.length > 0;
      reindex();
      if (!listReady) { say(strings.no_list, "error"); }
    }).then(function () { showCounts(); showStatus(); });
  }

  function flush() {
    if (flushing || !state.queue.length || !navigator.onLine) { showStatus(); return; }
    flushing = true;
    var batch = state.queue.slice(0, 200);
    window.fetch(root.getAttribute("data-sync-url"), {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "X-CSRFToken": token
      },
      body: JSON.stringify({ checkins: batch })
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (data) {
      state.queue = state.queue.slice(batch.length);
      // Every duplicate and refusal of the batch is shown, not only the last.
      var notes = [];
      var kind = "success";
      data.results.forEach(function (result) {
        var ticket = find(result.ticket || result.code);
        if (ticket && result.checked_in_at) { ticket.checked_in_at = result.checked_in_at; }
        if (result.result === "duplicate") {
          notes.push(result.message);
          if (kind === "success") { kind = "warning"; }
        } else if (result.result === "refused") {
          notes.push(format(strings.refused, { why: result.message }));
          kind = "error";
        } else if (!ticket) {
          notes.push(format(strings.checked_in, { name: result.name }));
        }
      });
      if (notes.length) { say(notes.join(" "), kind); }
      save();
      showCounts();
      // How many syncs the server has answered (tests and monitoring read it).
      root.setAttribute("data-synced", String(Number(root.getAttribute("data-synced") || 0) + 1));
    }).catch(function () { /* offline or refused: the queue waits */ })
      .then(function () {
        flushing = false;
        showStatus();
        if (state.queue.length && navigator.onLine) { window.setTimeout(flush, 15000); }
      });
  }

  function checkIn(typed) {
    var ticket = find(typed);
    if (!ticket) {
      var short = shortForm(typed);
      if (short && checkCharacter(short.slice(0, 7)) !== short.charAt(7)) {
        say(strings.typo, "error");
        return;
      }
      // Not in this list: the server may know it (another event's ticket, or
      // one registered since the download) and will say.
      state.queue.push({ code: typed, at: new Date().toISOString() });
      save();
      if (!navigator.onLine) { say(strings.unknown, "error"); }
      flush();
      return;
    }
    if (ticket.refusal) {
      say(format(strings.refused, { why: ticket.refusal }), "error");
      return;
    }
    if (ticket.checked_in_at) {
      say(format(strings.already, { name: ticket.name, time: timeOf(ticket.checked_in_at) }), "warning");
      return;
    }
    ticket.checked_in_at = new Date().toISOString();
    state.queue.push({ code: ticket.code, at: ticket.checked_in_at });
    save();
    say(format(strings.checked_in, { name: ticket.name }), "success");
    showCounts();
    flush();
  }

  form.addEventListener("submit", function (event) {
    if (!listReady) { return; } // no list yet: the plain form asks the server
    event.preventDefault();
    var typed = input.value;
    input.value = "";
    input.focus();
    if (squeeze(typed)) { checkIn(typed); }
  });
  // "Check in" beside a name found by the search.
  Array.prototype.forEach.call(root.querySelectorAll("[data-check-in-row]"), function (row) {
    row.addEventListener("submit", function (event) {
      if (!listReady) { return; }
      event.preventDefault();
      checkIn(row.querySelector("input[name=code]").value);
      var ticket = find(row.querySelector("input[name=code]").value);
      if (ticket && ticket.checked_in_at) { row.replaceWith(timeOf(ticket.checked_in_at)); }
    });
  });
  // Offline, the search looks through the downloaded names.
  var searchForm = root.querySelector("[data-search]");
  var offlineFound = root.querySelector("[data-offline-found]");
  searchForm.addEventListener("submit", function (event) {
    if (navigator.onLine || !listReady) { return; }
    event.preventDefault();
    var query = searchForm.querySelector("input[name=q]").value.trim().toLowerCase();
    var found = state.tickets.filter(function (ticket) {
      return query && ticket.name.toLowerCase().indexOf(query) >= 0;
    }).slice(0, 20);
    offlineFound.textContent = "";
    offlineFound.hidden = false;
    say(found.length ? strings.offline_search : strings.nobody, "info");
    found.forEach(function (ticket) {
      var item = document.createElement("li");
      item.textContent = ticket.name + " · " + ticket.status_label + " ";
      if (ticket.checked_in_at) {
        item.textContent += timeOf(ticket.checked_in_at);
      } else if (!ticket.refusal) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button button-small";
        button.textContent = strings.check_in;
        button.addEventListener("click", function () {
          checkIn(ticket.code);
          button.replaceWith(timeOf(ticket.checked_in_at));
        });
        item.appendChild(button);
      }
      offlineFound.appendChild(item);
    });
  });
  window.addEventListener("online", function () { download().then(flush); });
  window.addEventListener("offline", showStatus);
  reindex();
  listReady = state.tickets.length > 0;
  download().then(flush);

  // --- camera -------------------------------------------------------------------
  var scanButton = form.querySelector("[data-scan]");
  var stopButton = form.querySelector("[data-scan-stop]");
  var video = form.querySelector("[data-scan-video]");
  var stream = null;
  var lastCode = "";
  var lastAt = 0;
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { return; }
  scanButton.hidden = false;

  function nativeReader() {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    return function () {
      return detector.detect(video).then(function (codes) {
        return codes.length ? codes[0].rawValue : null;
      });
    };
  }

  function jsqrReader() {
    var canvas = document.createElement("canvas");
    var context = canvas.getContext("2d", { willReadFrequently: true });
    return function () {
      var width = video.videoWidth;
      var height = video.videoHeight;
      if (!width || !height) { return Promise.resolve(null); }
      canvas.width = width;
      canvas.height = height;
      context.drawImage(video, 0, 0, width, height);
      var found = window.jsQR(context.getImageData(0, 0, width, height).data, width, height,
        { inversionAttempts: "dontInvert" });
      return Promise.resolve(found ? found.data : null);
    };
  }

  function reader() {
    if ("BarcodeDetector" in window) {
      return window.BarcodeDetector.getSupportedFormats().then(function (formats) {
        return formats.indexOf("qr_code") >= 0 ? nativeReader() : loadJsqr();
      }).catch(loadJsqr);
    }
    return loadJsqr();
  }

  function loadJsqr() {
    if (window.jsQR) { return Promise.resolve(jsqrReader()); }
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = root.getAttribute("data-jsqr-url");
      script.onload = function () { resolve(jsqrReader()); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function stop() {
    if (stream) { stream.getTracks().forEach(function (track) { track.stop(); }); }
    stream = null;
    video.hidden = true;
    stopButton.hidden = true;
    scanButton.hidden = false;
  }

  scanButton.addEventListener("click", function () {
    reader().then(function (read) {
      return navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } })
        .then(function (media) {
          stream = media;
          video.srcObject = media;
          video.hidden = false;
          scanButton.hidden = true;
          stopButton.hidden = false;
          say(strings.scanning, "info");
          return video.play().then(function () {
            (function look() {
              if (!stream) { return; }
              read().then(function (code) {
                var now = Date.now();
                // A door scans one ticket after another: the same code again
                // within three seconds is the same scan.
                if (code && (code !== lastCode || now - lastAt > 3000)) {
                  lastCode = code;
                  lastAt = now;
                  if (listReady) { checkIn(code); } else { input.value = code; form.submit(); }
                }
              }).catch(function () { /* a frame it could not read */ })
                .then(function () { window.setTimeout(look, 200); });
            })();
          });
        });
    }).catch(function () {
      stop();
      say(strings.camera_failed, "error");
      input.focus();
    });
  });
  stopButton.addEventListener("click", stop);
})();
