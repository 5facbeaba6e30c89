/* Deadline countdowns: the server writes "closes in 3 days 4 hours"; when the
   deadline passes while the page is open, say so instead of a stale count. */
(function () {
  "use strict";
  var nodes = document.querySelectorAll(".countdown[data-deadline]");
  if (!nodes.length) { return; }
  function check() {
    var now = Date.now();
    nodes.forEach(function (node) {
      var deadline = Date.parse(node.getAttribute("data-deadline"));
      if (!isNaN(deadline) && now >= deadline && !node.hasAttribute("data-closed")) {
        node.setAttribute("data-closed", "");
        node.textContent = node.getAttribute("data-closed-text");
      }
    });
  }
  check();
  window.setInterval(check, 30000);
}());
