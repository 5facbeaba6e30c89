/* Live seats on pages that may come from the page cache.
   Cards ask availability.json of their listing once for all of them; an event
   page asks its own, again when it becomes visible and every minute. Without
   JavaScript the seats are as they were when the page was rendered, and the
   registration page always tells the current state. */
(function () {
  "use strict";
  if (!window.fetch) { return; }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; });
  }

  function showBadge(badge, data) {
    if (!data || !data.state) { return; }
    if (data.label) { badge.textContent = data.label; }
    badge.className = "badge seats-badge seats-badge--" + data.state;
    badge.setAttribute("data-seats-state", data.state);
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-availability-list]"), function (list) {
    var badges = list.querySelectorAll("[data-seats-for]");
    if (!badges.length) { return; }
    var url = new URL(list.getAttribute("data-availability-list"), window.location.href);
    Array.prototype.forEach.call(badges, function (badge) {
      url.searchParams.append("id", badge.getAttribute("data-seats-for"));
    });
    getJSON(url).then(function (data) {
      if (!data) { return; }
      Array.prototype.forEach.call(badges, function (badge) {
        showBadge(badge, data[badge.getAttribute("data-seats-for")]);
      });
    }).catch(function () { /* keep the rendered seats */ });
  });

  if (!document.querySelector("[data-availability-url]")) { return; }
  function refresh() {
    // Looked up each time: js/me.js may put the visitor's own box in its place.
    var box = document.querySelector("[data-availability-url]");
    if (!box) { return; }
    var url = new URL(box.getAttribute("data-availability-url"), window.location.href);
    getJSON(url).then(function (data) {
      if (!data) { return; }
      var seats = box.querySelector("[data-seats-left]");
      if (seats && data.seats_left !== null && String(data.seats_left) !== seats.textContent) {
        seats.textContent = String(data.seats_left);
      }
      if (data.state) { box.setAttribute("data-state", data.state); }
    }).catch(function () { /* keep the rendered seats */ });
  }
  refresh();
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { refresh(); }
  });
  window.setInterval(function () {
    if (document.visibilityState === "visible") { refresh(); }
  }, 60000);
})();
