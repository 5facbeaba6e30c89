/* The visitor's own parts of pages that may come from the page cache.
   Cached pages are the anonymous version for everybody; one request to
   /me.json (private, never cached) gives a signed-in visitor their account menu
   and, on event and cohort pages, their registration or application, which take
   the place of the anonymous parts. Without JavaScript the anonymous parts stay,
   and their links still lead a signed-in visitor to their dashboard, ticket or
   application. */
(function () {
  "use strict";
  var nav = document.querySelector("[data-me-url]");
  if (!nav || !window.fetch) { return; }
  var url = new URL(nav.getAttribute("data-me-url"), window.location.href);
  // Signing in from here comes back here (without JavaScript: to the dashboard).
  var signIn = nav.querySelector("[data-sign-in]");
  if (signIn) {
    var next = new URL(signIn.href, window.location.href);
    next.searchParams.set("next", window.location.pathname + window.location.search);
    signIn.href = next.href;
  }
  fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) {
      if (!data || !data.signed_in) { return; }
      nav.innerHTML = data.account;
      var parts = data.parts || {};
      Array.prototype.forEach.call(document.querySelectorAll("[data-personal]"), function (slot) {
        var html = parts[slot.getAttribute("data-personal")];
        if (typeof html === "string") { slot.innerHTML = html; }
      });
    })
    .catch(function () { /* keep the anonymous parts */ });
})();
