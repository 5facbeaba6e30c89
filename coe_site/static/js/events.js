/* Keeps the seats count on an event page current while it stays open.
   The server already rendered a fresh value; without JavaScript nothing is lost. */
(function () {
  "use strict";
  var box = document.querySelector("[data-availability-url]");
  if (!box || !window.fetch) { return; }
  var url = new URL(box.getAttribute("data-availability-url"), window.location.href);
  function refresh() {
    fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        var seats = box.querySelector("[data-seats-left]");
        if (seats && data.seats_left !== null && String(data.seats_left) !== seats.textContent) {
          seats.textContent = String(data.seats_left);
        }
        if (data.state) { box.setAttribute("data-state", data.state); }
      })
      .catch(function () { /* keep the server's value */ });
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { refresh(); }
  });
  window.setInterval(function () {
    if (document.visibilityState === "visible") { refresh(); }
  }, 60000);
})();
